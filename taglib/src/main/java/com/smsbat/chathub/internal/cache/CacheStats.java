package com.smsbat.chathub.internal.cache;

/**
 * A snapshot of {@link OperatorTokenCache}'s counters since it was built. The counters are read one after
 * another without stopping traffic, so under load they may be a few events apart from each other.
 *
 * @param hits          calls to {@code get} answered at once from a usable cached token
 * @param misses        calls to {@code get} that had to wait for a fetch or got no token
 * @param refreshes     background refreshes started while a usable token was still served
 * @param failures      fetches that failed (the source threw, or returned an unusable token)
 * @param upstreamCalls calls made to the {@link OperatorTokenSource}
 * @param entries       operators currently held by the cache
 */
public record CacheStats(long hits, long misses, long refreshes, long failures, long upstreamCalls, int entries) {
}
