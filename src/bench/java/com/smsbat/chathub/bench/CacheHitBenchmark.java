package com.smsbat.chathub.bench;

import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.internal.cache.OperatorTokenCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Optional;

/** {@link OperatorTokenCache#get} for operators whose tokens are cached, 1,024 of them read in turn. */
@State(Scope.Thread)
public class CacheHitBenchmark {

    private static final int OPERATORS = 1024;
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDEifQ.c2lnbmF0dXJl";

    private OperatorTokenCache cache;
    private final OperatorAssignment[] keys = new OperatorAssignment[OPERATORS];
    private int next;

    @Setup
    public void fill() {
        cache = OperatorTokenCache.builder((key, expiresAt) -> new OperatorToken(TOKEN, expiresAt)).build();
        for (int i = 0; i < OPERATORS; i++) {
            keys[i] = new OperatorAssignment(24, 1001 + i);
            if (cache.get(keys[i]).isEmpty()) {
                throw new IllegalStateException("operator " + keys[i] + " got no token");
            }
        }
    }

    @Benchmark
    public Optional<OperatorToken> cacheHit() {
        return cache.get(keys[next++ & (OPERATORS - 1)]);
    }

    @TearDown
    public void close() {
        cache.close();
    }
}
