package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.client.ChatHubClient;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The library's settings, parsed and validated once when the filter starts. See {@link Setting} for
 * every name, default and meaning.
 *
 * <p>The constructor is private: only {@link #parse} makes one, so no settings skip validation. Accessors are
 * named as the value they return: {@code sandbox()} whether {@code chathub.api.url} is {@code sandbox}; {@code apiUrl()}
 * {@code null} with the sandbox (known once it has started); {@code widgetUrl()} {@code null} with the sandbox
 * unless set explicitly; {@code roles()} empty: every logged-in user; {@code injectExclude()} url-patterns, split
 * and trimmed; {@code debugUsers()} user names from {@code chathub.debug}, or {@code *}.
 */
public final class ChatHubConfig {

    /**
     * The public filter's class name, {@code com.smsbat.chathub.taglib.ChatHubFilter}: the logger administrators
     * configure for the integration's lines (docs/shared-server.md names it), whichever internal class writes them,
     * and the class an application declares in {@code web.xml}. Written out because internal code does not depend on
     * the taglib package; a test checks that it names the filter.
     */
    public static final String FILTER_CLASS_NAME = "com.smsbat.chathub.taglib.ChatHubFilter";

    private static final Duration MIN_RENEWAL_CHECK = Duration.ofSeconds(1);

    private final boolean enabled;
    private final boolean sandbox;
    private final URI apiUrl;
    private final URI widgetUrl;
    private final String login;
    private final String password;
    private final String companyToken;
    private final String organization;
    private final String user;
    private final String userSessionAttribute;
    private final List<String> roles;
    private final String roleExpression;
    private final String operatorResolver;
    private final String operatorMapping;
    private final String operatorSessionAttribute;
    private final String operatorNameAttribute;
    private final boolean operatorProvision;
    private final int operatorProvisionMaxPerMinute;
    private final Duration directoryRefresh;
    private final Duration tokenLifetime;
    private final Duration tokenRefreshAhead;
    private final boolean tokenValidate;
    private final int cacheMaxOperators;
    private final Duration cacheIdleExpiry;
    private final Duration waitBudget;
    private final Duration httpConnectTimeout;
    private final Duration httpTimeout;
    private final String fallback;
    private final String endpointPath;
    private final boolean renewal;
    private final Duration renewalCheck;
    private final String cspNonceAttribute;
    private final boolean inject;
    private final List<String> injectExclude;
    private final boolean jmx;
    private final List<String> debugUsers;
    private final boolean failOnInvalid;

    /** Only {@link #parse} makes one, so every instance holds validated settings. */
    private ChatHubConfig(
            boolean enabled,
            boolean sandbox,
            URI apiUrl,
            URI widgetUrl,
            String login,
            String password,
            String companyToken,
            String organization,
            String user,
            String userSessionAttribute,
            List<String> roles,
            String roleExpression,
            String operatorResolver,
            String operatorMapping,
            String operatorSessionAttribute,
            String operatorNameAttribute,
            boolean operatorProvision,
            int operatorProvisionMaxPerMinute,
            Duration directoryRefresh,
            Duration tokenLifetime,
            Duration tokenRefreshAhead,
            boolean tokenValidate,
            int cacheMaxOperators,
            Duration cacheIdleExpiry,
            Duration waitBudget,
            Duration httpConnectTimeout,
            Duration httpTimeout,
            String fallback,
            String endpointPath,
            boolean renewal,
            Duration renewalCheck,
            String cspNonceAttribute,
            boolean inject,
            List<String> injectExclude,
            boolean jmx,
            List<String> debugUsers,
            boolean failOnInvalid) {
        this.enabled = enabled;
        this.sandbox = sandbox;
        this.apiUrl = apiUrl;
        this.widgetUrl = widgetUrl;
        this.login = login;
        this.password = password;
        this.companyToken = companyToken;
        this.organization = organization;
        this.user = user;
        this.userSessionAttribute = userSessionAttribute;
        this.roles = roles;
        this.roleExpression = roleExpression;
        this.operatorResolver = operatorResolver;
        this.operatorMapping = operatorMapping;
        this.operatorSessionAttribute = operatorSessionAttribute;
        this.operatorNameAttribute = operatorNameAttribute;
        this.operatorProvision = operatorProvision;
        this.operatorProvisionMaxPerMinute = operatorProvisionMaxPerMinute;
        this.directoryRefresh = directoryRefresh;
        this.tokenLifetime = tokenLifetime;
        this.tokenRefreshAhead = tokenRefreshAhead;
        this.tokenValidate = tokenValidate;
        this.cacheMaxOperators = cacheMaxOperators;
        this.cacheIdleExpiry = cacheIdleExpiry;
        this.waitBudget = waitBudget;
        this.httpConnectTimeout = httpConnectTimeout;
        this.httpTimeout = httpTimeout;
        this.fallback = fallback;
        this.endpointPath = endpointPath;
        this.renewal = renewal;
        this.renewalCheck = renewalCheck;
        this.cspNonceAttribute = cspNonceAttribute;
        this.inject = inject;
        this.injectExclude = injectExclude;
        this.jmx = jmx;
        this.debugUsers = debugUsers;
        this.failOnInvalid = failOnInvalid;
    }

    /**
     * Parses every setting through {@code lookup} (which returns {@code null} for "not set").
     *
     * @throws ChatHubConfigException naming the first invalid setting and its value
     */
    public static ChatHubConfig parse(Function<Setting, String> lookup) {
        Values v = new Values(lookup);
        String api = v.text(Setting.API_URL);
        boolean sandbox = "sandbox".equalsIgnoreCase(api);
        String login = v.text(Setting.LOGIN);
        String password = v.text(Setting.PASSWORD);
        String companyToken = v.text(Setting.COMPANY_TOKEN);
        if (!companyToken.isEmpty() && !(login.isEmpty() && password.isEmpty())) {
            throw new ChatHubConfigException(Setting.COMPANY_TOKEN, companyToken,
                    "set either chathub.company.token or chathub.login and chathub.password, not both");
        }
        if (login.isEmpty() != password.isEmpty()) {
            Setting missing = login.isEmpty() ? Setting.LOGIN : Setting.PASSWORD;
            throw new ChatHubConfigException(missing, "", "chathub.login and chathub.password go together");
        }
        Duration lifetime = v.positiveDuration(Setting.TOKEN_LIFETIME);
        if (lifetime.compareTo(ChatHubClient.MAX_TOKEN_LIFETIME) > 0) {
            throw new ChatHubConfigException(Setting.TOKEN_LIFETIME, v.text(Setting.TOKEN_LIFETIME),
                    "must be at most " + ChatHubClient.MAX_TOKEN_LIFETIME + ", ChatHub's limit for operator tokens");
        }
        Duration refreshAhead = v.positiveDuration(Setting.TOKEN_REFRESH_AHEAD);
        if (refreshAhead.compareTo(lifetime) >= 0) {
            throw new ChatHubConfigException(Setting.TOKEN_REFRESH_AHEAD, v.text(Setting.TOKEN_REFRESH_AHEAD),
                    "must be shorter than chathub.token.lifetime (" + lifetime + ")");
        }
        String endpointPath = v.text(Setting.ENDPOINT_PATH);
        if (!endpointPath.isEmpty() && (!endpointPath.startsWith("/") || endpointPath.contains("*"))) {
            throw new ChatHubConfigException(Setting.ENDPOINT_PATH, endpointPath,
                    "must be empty or an exact path starting with /");
        }
        Duration renewalCheck = v.positiveDuration(Setting.RENEWAL_CHECK);
        if (renewalCheck.compareTo(MIN_RENEWAL_CHECK) < 0) {
            throw new ChatHubConfigException(Setting.RENEWAL_CHECK, v.text(Setting.RENEWAL_CHECK),
                    "must be at least PT1S: every open page asks the server that often");
        }
        String resolver = v.text(Setting.OPERATOR_RESOLVER);
        if (resolver.isEmpty()) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, resolver,
                    "must be mapping, session, directory or a class name");
        }
        String user = v.text(Setting.USER);
        if (!user.isEmpty() && !v.text(Setting.USER_SESSION_ATTRIBUTE).isEmpty()) {
            // Refused rather than ranked: whichever won, the other would be silently ignored.
            throw new ChatHubConfigException(Setting.USER, user, "set either chathub.user or its shorthand "
                    + "chathub.user.session-attribute, not both");
        }
        List<String> roles = v.list(Setting.ROLE);
        // Either says which users the application vouches for: container roles, or its own sign-in's expression.
        boolean vouched = !roles.isEmpty() || !v.text(Setting.ROLE_EXPRESSION).isEmpty();
        boolean provision = v.bool(Setting.OPERATOR_PROVISION);
        if (provision) {
            requireForProvisioning(!"directory".equals(resolver), "chathub.operator.resolver=directory",
                    "operators are created for users the directory resolver finds no operator for");
            requireForProvisioning(v.text(Setting.ORGANIZATION).isEmpty(), "chathub.organization",
                    "it names the organization new operators are created in");
            requireForProvisioning(!vouched, "chathub.role",
                    "only users in one of its roles (or for whom chathub.role.expression holds) may have an operator "
                            + "created for them");
        }
        if ("directory".equals(resolver) && !vouched) {
            // A name is only worth an operator's panel for users the application vouches for.
            throw new ChatHubConfigException(Setting.ROLE, "", "chathub.operator.resolver=directory needs it (or "
                    + "chathub.role.expression): only users in one of its roles are matched to ChatHub's operators by "
                    + "name");
        }
        return new ChatHubConfig(
                v.bool(Setting.ENABLED),
                sandbox,
                sandbox ? null : v.apiUri(api),
                v.widgetUri(sandbox),
                login,
                password,
                companyToken,
                v.text(Setting.ORGANIZATION),
                user,
                v.text(Setting.USER_SESSION_ATTRIBUTE),
                roles,
                v.text(Setting.ROLE_EXPRESSION),
                resolver,
                v.text(Setting.OPERATOR_MAPPING),
                v.text(Setting.OPERATOR_SESSION_ATTRIBUTE),
                v.text(Setting.OPERATOR_NAME_ATTRIBUTE),
                provision,
                v.positiveInt(Setting.OPERATOR_PROVISION_MAX_PER_MINUTE),
                v.positiveDuration(Setting.OPERATOR_DIRECTORY_REFRESH),
                lifetime,
                refreshAhead,
                v.bool(Setting.TOKEN_VALIDATE),
                v.positiveInt(Setting.CACHE_MAX_OPERATORS),
                v.positiveDuration(Setting.CACHE_IDLE_EXPIRY),
                v.positiveDuration(Setting.WAIT),
                v.positiveDuration(Setting.HTTP_CONNECT_TIMEOUT),
                v.positiveDuration(Setting.HTTP_TIMEOUT),
                v.raw(Setting.FALLBACK),
                endpointPath,
                v.bool(Setting.RENEWAL),
                renewalCheck,
                v.text(Setting.CSP_NONCE_ATTRIBUTE),
                v.bool(Setting.INJECT),
                v.list(Setting.INJECT_EXCLUDE),
                v.bool(Setting.JMX),
                v.list(Setting.DEBUG),
                v.bool(Setting.FAIL_ON_INVALID));
    }

    /**
     * Whether {@code chathub.enabled} leaves the library on, read before (and without) the other settings: anything
     * but {@code false} does; a value that is neither true nor false is refused by {@link #parse}.
     */
    public static boolean enabled(Function<Setting, String> lookup) {
        return !isFalse(lookup.apply(Setting.ENABLED));
    }

    /**
     * Whether an invalid setting stops the application from starting ({@code chathub.fail-on-invalid-config}),
     * read on its own: it is needed when the other settings could not be parsed.
     */
    public static boolean failsOnInvalid(Function<Setting, String> lookup) {
        return !isFalse(lookup.apply(Setting.FAIL_ON_INVALID));
    }

    private static boolean isFalse(String value) {
        return value != null && "false".equalsIgnoreCase(value.trim());
    }

    private static void requireForProvisioning(boolean missing, String needed, String why) {
        if (missing) {
            throw new ChatHubConfigException(Setting.OPERATOR_PROVISION, "true", "needs " + needed + ": " + why);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean sandbox() {
        return sandbox;
    }

    public URI apiUrl() {
        return apiUrl;
    }

    public URI widgetUrl() {
        return widgetUrl;
    }

    public String login() {
        return login;
    }

    public String password() {
        return password;
    }

    public String companyToken() {
        return companyToken;
    }

    public String organization() {
        return organization;
    }

    /** {@code chathub.user}: an EL expression, checked when the runtime starts; empty: not set. */
    public String user() {
        return user;
    }

    public String userSessionAttribute() {
        return userSessionAttribute;
    }

    public List<String> roles() {
        return roles;
    }

    /** {@code chathub.role.expression}: an EL expression, checked when the runtime starts; empty: not set. */
    public String roleExpression() {
        return roleExpression;
    }

    public String operatorResolver() {
        return operatorResolver;
    }

    public String operatorMapping() {
        return operatorMapping;
    }

    public String operatorSessionAttribute() {
        return operatorSessionAttribute;
    }

    public String operatorNameAttribute() {
        return operatorNameAttribute;
    }

    public boolean operatorProvision() {
        return operatorProvision;
    }

    public int operatorProvisionMaxPerMinute() {
        return operatorProvisionMaxPerMinute;
    }

    public Duration directoryRefresh() {
        return directoryRefresh;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public Duration tokenRefreshAhead() {
        return tokenRefreshAhead;
    }

    public boolean tokenValidate() {
        return tokenValidate;
    }

    public int cacheMaxOperators() {
        return cacheMaxOperators;
    }

    public Duration cacheIdleExpiry() {
        return cacheIdleExpiry;
    }

    public Duration waitBudget() {
        return waitBudget;
    }

    public Duration httpConnectTimeout() {
        return httpConnectTimeout;
    }

    public Duration httpTimeout() {
        return httpTimeout;
    }

    public String fallback() {
        return fallback;
    }

    public String endpointPath() {
        return endpointPath;
    }

    public boolean renewal() {
        return renewal;
    }

    public Duration renewalCheck() {
        return renewalCheck;
    }

    public String cspNonceAttribute() {
        return cspNonceAttribute;
    }

    public boolean inject() {
        return inject;
    }

    public List<String> injectExclude() {
        return injectExclude;
    }

    public boolean jmx() {
        return jmx;
    }

    public List<String> debugUsers() {
        return debugUsers;
    }

    public boolean failOnInvalid() {
        return failOnInvalid;
    }

    /** Whether {@code chathub.debug} asks for {@code user}'s panel decisions in the log. */
    public boolean debugs(String user) {
        return debugUsers.contains("*") || debugUsers.contains(user);
    }

    /** Whether company credentials of either kind are configured. */
    public boolean hasCredentials() {
        return !companyToken.isEmpty() || !login.isEmpty();
    }

    /**
     * How long before expiry a page asks the token endpoint for its next token: half the server's refresh
     * window, so the next token is already being fetched by then.
     */
    public Duration browserRenewBefore() {
        return tokenRefreshAhead.dividedBy(2);
    }

    /** Whether the token endpoint is on. */
    public boolean endpointEnabled() {
        return !endpointPath.isEmpty();
    }

    /** Secrets are never printed. */
    @Override
    public String toString() {
        return "ChatHubConfig[enabled=" + enabled + ", api=" + (sandbox ? "sandbox" : apiUrl)
                + ", widget=" + widgetUrl + ", login=" + (login.isEmpty() ? "" : login)
                + ", password=" + (password.isEmpty() ? "" : "<redacted>")
                + ", companyToken=" + (companyToken.isEmpty() ? "" : "<redacted>")
                + ", resolver=" + operatorResolver + ", roles=" + roles + ", provision=" + operatorProvision
                + ", organization=" + organization
                + ", lifetime=" + tokenLifetime + ", refreshAhead=" + tokenRefreshAhead
                + ", wait=" + waitBudget + ", endpoint=" + endpointPath + ", inject=" + inject + "]";
    }

    private static final class Values {
        private final Function<Setting, String> lookup;

        Values(Function<Setting, String> lookup) {
            this.lookup = lookup;
        }

        String raw(Setting setting) {
            String value = lookup.apply(setting);
            return value == null ? setting.defaultValue() : value;
        }

        String text(Setting setting) {
            return raw(setting).trim();
        }

        boolean bool(Setting setting) {
            String value = text(setting).toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                return value.equals("true");
            }
            throw new ChatHubConfigException(setting, value, "must be true or false");
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
            return Arrays.stream(text(setting).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toList());
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
}
