package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.client.ChatHubClient;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The raw values of the settings, each read by the one rule for its kind; a bad one fails naming the setting. */
final class SettingValues {

    private final Function<Setting, String> lookup;

    SettingValues(Function<Setting, String> lookup) {
        this.lookup = lookup;
    }

    /** Every setting at its default: what the groups' defaults are made of. */
    static SettingValues defaults() {
        return new SettingValues(setting -> null);
    }

    String raw(Setting setting) {
        String value = lookup.apply(setting);
        return value == null ? setting.defaultValue() : value;
    }

    String text(Setting setting) {
        return raw(setting).trim();
    }

    boolean bool(Setting setting) {
        Boolean parsed = booleanOrNull(setting);
        if (parsed == null) {
            throw new ChatHubConfigException(setting, text(setting).toLowerCase(Locale.ROOT), "must be true or false");
        }
        return parsed;
    }

    /** Read before (or without) a full parse: whether {@code setting} is set to {@code false}; anything else is not. */
    boolean isFalse(Setting setting) {
        return Boolean.FALSE.equals(booleanOrNull(setting));
    }

    private Boolean booleanOrNull(Setting setting) {
        String value = text(setting).toLowerCase(Locale.ROOT);
        return value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : null;
    }

    int positiveInt(Setting setting) {
        String value = text(setting);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw new ChatHubConfigException(setting, value, "must be a whole number greater than 0");
    }

    Duration positiveDuration(Setting setting) {
        String value = text(setting);
        try {
            Duration parsed = Duration.parse(value);
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below with the setting's name
        }
        throw new ChatHubConfigException(setting, value,
                "must be a positive ISO-8601 duration such as PT2S, PT10M or PT23H");
    }

    List<String> list(Setting setting) {
        return Collections.unmodifiableList(Arrays.stream(text(setting).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList()));
    }

    URI apiUri(String value) {
        return secureUri(Setting.API_URL, value, "must be an https URL (http only on loopback), or sandbox");
    }

    URI widgetUri(boolean sandbox) {
        String value = lookup.apply(Setting.WIDGET_URL);
        if (value == null || value.trim().isEmpty()) {
            if (sandbox) {
                return null;
            }
            value = Setting.WIDGET_URL.defaultValue();
        }
        return secureUri(Setting.WIDGET_URL, value.trim(),
                "must be an https URL (http only on loopback, for the sandbox)");
    }

    /** The client's own rule: plain http only where nobody can read it on the wire, this machine. */
    private static URI secureUri(Setting setting, String value, String reason) {
        URI uri = parseUri(setting, value);
        if (!ChatHubClient.isSecureAddress(uri)) {
            throw new ChatHubConfigException(setting, value, reason);
        }
        return uri;
    }

    private static URI parseUri(Setting setting, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || uri.getRawQuery() != null && setting == Setting.API_URL) {
                throw new ChatHubConfigException(setting, value, "must be an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ChatHubConfigException(setting, value, "is not a URL: " + e.getReason());
        }
    }
}
