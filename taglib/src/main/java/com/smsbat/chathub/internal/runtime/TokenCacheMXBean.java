package com.smsbat.chathub.internal.runtime;

/**
 * The operator token cache's counters over JMX, registered as
 * {@code com.smsbat.chathub:type=TokenCache,context=<context path>} while the application runs, and why a
 * given user last had (or had no) panel.
 */
public interface TokenCacheMXBean {

    long getHits();

    long getMisses();

    long getRefreshes();

    long getFailures();

    long getUpstreamCalls();

    int getEntries();

    /**
     * The last panel decision for {@code user} (who the user is to the resolver that ran, and why there is no
     * panel: not in role, not a ChatHub operator, operator inactive, ambiguous name, ChatHub unavailable). Never
     * a token.
     */
    String explain(String user);
}
