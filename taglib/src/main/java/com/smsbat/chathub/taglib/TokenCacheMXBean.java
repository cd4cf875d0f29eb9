package com.smsbat.chathub.taglib;

/**
 * The operator token cache's counters over JMX, registered as
 * {@code com.smsbat.chathub:type=TokenCache,context=<context path>} while the application runs.
 */
public interface TokenCacheMXBean {

    long getHits();

    long getMisses();

    long getRefreshes();

    long getFailures();

    long getUpstreamCalls();

    int getEntries();
}
