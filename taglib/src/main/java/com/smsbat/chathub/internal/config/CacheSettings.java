package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.client.ChatHubClient;

import java.time.Duration;

/**
 * The operator token cache's settings ({@code chathub.token.*}, {@code chathub.cache.*}, {@code chathub.wait}), handed whole to the
 * cache's builder; {@link #DEFAULTS} are its defaults too, so each is written once, in {@link Setting}.
 */
public final class CacheSettings {

    /** A token this close to its expiry is not handed out, unless the refresh window is too short for it. */
    private static final Duration SAFETY_MARGIN = Duration.ofMinutes(1);

    /** Every cache setting at its default. */
    public static final CacheSettings DEFAULTS = parse(SettingValues.defaults());

    private final Duration lifetime;
    private final Duration refreshAhead;
    private final boolean validate;
    private final int maxOperators;
    private final Duration idleExpiry;
    private final Duration waitBudget;

    private CacheSettings(SettingValues v) {
        lifetime = v.positiveDuration(Setting.TOKEN_LIFETIME);
        if (lifetime.compareTo(ChatHubClient.MAX_TOKEN_LIFETIME) > 0) {
            throw new ChatHubConfigException(Setting.TOKEN_LIFETIME, v.text(Setting.TOKEN_LIFETIME),
                    "must be at most " + ChatHubClient.MAX_TOKEN_LIFETIME + ", ChatHub's limit for operator tokens");
        }
        refreshAhead = v.positiveDuration(Setting.TOKEN_REFRESH_AHEAD);
        if (refreshAhead.compareTo(lifetime) >= 0) {
            throw new ChatHubConfigException(Setting.TOKEN_REFRESH_AHEAD, v.text(Setting.TOKEN_REFRESH_AHEAD),
                    "must be shorter than chathub.token.lifetime (" + lifetime + ")");
        }
        validate = v.bool(Setting.TOKEN_VALIDATE);
        maxOperators = v.positiveInt(Setting.CACHE_MAX_OPERATORS);
        idleExpiry = v.positiveDuration(Setting.CACHE_IDLE_EXPIRY);
        waitBudget = v.positiveDuration(Setting.WAIT);
    }

    static CacheSettings parse(SettingValues values) {
        return new CacheSettings(values);
    }

    /** Lifetime asked of ChatHub for each token. */
    public Duration lifetime() {
        return lifetime;
    }

    /** How long before expiry a token is renewed in the background. */
    public Duration refreshAhead() {
        return refreshAhead;
    }

    /**
     * How close to its expiry a token is no longer handed out: a minute, but never so much of the refresh window
     * that short lifetimes (tests, demos) leave nothing to serve.
     */
    public Duration safetyMargin() {
        Duration quarter = refreshAhead.dividedBy(4);
        return quarter.compareTo(SAFETY_MARGIN) < 0 ? quarter : SAFETY_MARGIN;
    }

    /** Whether each new token is checked with ChatHub's validate-token. */
    public boolean validate() {
        return validate;
    }

    public int maxOperators() {
        return maxOperators;
    }

    public Duration idleExpiry() {
        return idleExpiry;
    }

    /**
     * {@code chathub.wait}: the longest a page waits for a token not cached yet, and so for anything else its panel
     * needs from ChatHub first (the directory's lists, an organization's id), before it renders the fallback.
     */
    public Duration waitBudget() {
        return waitBudget;
    }
}
