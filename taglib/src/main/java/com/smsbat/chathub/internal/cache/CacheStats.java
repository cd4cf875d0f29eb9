package com.smsbat.chathub.internal.cache;

/**
 * A snapshot of {@link OperatorTokenCache}'s counters since it was built. The counters are read one after
 * another without stopping traffic, so under load they may be a few events apart from each other.
 */
public final class CacheStats {
    private final long hits;
    private final long misses;
    private final long refreshes;
    private final long failures;
    private final long upstreamCalls;
    private final int entries;

    public CacheStats(long hits, long misses, long refreshes, long failures, long upstreamCalls, int entries) {
        this.hits = hits;
        this.misses = misses;
        this.refreshes = refreshes;
        this.failures = failures;
        this.upstreamCalls = upstreamCalls;
        this.entries = entries;
    }

    /** @return calls to {@code get} answered at once from a usable cached token */
    public long hits() {
        return hits;
    }

    /** @return calls to {@code get} that had to wait for a fetch or got no token */
    public long misses() {
        return misses;
    }

    /** @return background refreshes started while a usable token was still served */
    public long refreshes() {
        return refreshes;
    }

    /** @return fetches that failed (the source threw, or returned an unusable token) */
    public long failures() {
        return failures;
    }

    /** @return calls made to the {@link OperatorTokenSource} */
    public long upstreamCalls() {
        return upstreamCalls;
    }

    /** @return operators currently held by the cache */
    public int entries() {
        return entries;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CacheStats)) {
            return false;
        }
        CacheStats that = (CacheStats) other;
        return hits == that.hits
                && misses == that.misses
                && refreshes == that.refreshes
                && failures == that.failures
                && upstreamCalls == that.upstreamCalls
                && entries == that.entries;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(hits, misses, refreshes, failures, upstreamCalls, entries);
    }

    @Override
    public String toString() {
        return "CacheStats[hits=" + hits + ", misses=" + misses + ", refreshes=" + refreshes + ", failures=" + failures + ", upstreamCalls=" + upstreamCalls + ", entries=" + entries + "]";
    }
}
