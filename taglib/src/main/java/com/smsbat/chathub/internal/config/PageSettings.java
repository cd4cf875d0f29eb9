package com.smsbat.chathub.internal.config;

import java.time.Duration;

/**
 * What pages get besides the panel itself: the fallback, the token endpoint, renewal in the browser and the CSP
 * nonce ({@code chathub.fallback}, {@code chathub.endpoint.path}, {@code chathub.renewal*},
 * {@code chathub.csp.nonce-attribute}).
 */
public final class PageSettings {

    private static final Duration MIN_RENEWAL_CHECK = Duration.ofSeconds(1);

    private final String fallback;
    private final String endpointPath;
    private final boolean renewal;
    private final Duration renewalCheck;
    private final Duration browserRenewBefore;
    private final String cspNonceAttribute;

    private PageSettings(SettingValues v, CacheSettings cache) {
        fallback = v.raw(Setting.FALLBACK);
        endpointPath = v.text(Setting.ENDPOINT_PATH);
        if (!endpointPath.isEmpty() && (!endpointPath.startsWith("/") || endpointPath.contains("*"))) {
            throw new ChatHubConfigException(Setting.ENDPOINT_PATH, endpointPath,
                    "must be empty or an exact path starting with /");
        }
        renewal = v.bool(Setting.RENEWAL);
        renewalCheck = v.positiveDuration(Setting.RENEWAL_CHECK);
        if (renewalCheck.compareTo(MIN_RENEWAL_CHECK) < 0) {
            throw new ChatHubConfigException(Setting.RENEWAL_CHECK, v.text(Setting.RENEWAL_CHECK),
                    "must be at least PT1S: every open page asks the server that often");
        }
        // Half the server's refresh window: by then the server is already fetching the next token.
        browserRenewBefore = cache.refreshAhead().dividedBy(2);
        cspNonceAttribute = v.text(Setting.CSP_NONCE_ATTRIBUTE);
    }

    static PageSettings parse(SettingValues values, CacheSettings cache) {
        return new PageSettings(values, cache);
    }

    /** {@code chathub.fallback} as written, blanks included. */
    public String fallback() {
        return fallback;
    }

    public String endpointPath() {
        return endpointPath;
    }

    /** Whether the token endpoint is on. */
    public boolean endpointEnabled() {
        return !endpointPath.isEmpty();
    }

    public boolean renewal() {
        return renewal;
    }

    public Duration renewalCheck() {
        return renewalCheck;
    }

    /** How long before expiry a page asks the token endpoint for its next token. */
    public Duration browserRenewBefore() {
        return browserRenewBefore;
    }

    public String cspNonceAttribute() {
        return cspNonceAttribute;
    }
}
