package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fully deterministic setting for the cache: a fake clock, a fake source, fetches that run only when the test
 * calls {@code fetches.runAll()}, callers that never wait, and no jitter unless a test asks for it.
 */
final class TokenCacheRig {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(23).plusMinutes(50);
    static final OperatorAssignment ALICE = new OperatorAssignment(24, 101);
    static final OperatorAssignment BOB = new OperatorAssignment(24, 102);
    static final OperatorAssignment CAROL = new OperatorAssignment(6, 101);

    final MutableClock clock = new MutableClock(START);
    final FakeTokenSource source = new FakeTokenSource(clock);
    final QueuedExecutor fetches = new QueuedExecutor();

    OperatorTokenCache.Builder builder() {
        return OperatorTokenCache.builder(source)
                .clock(clock)
                .executor(fetches)
                .waitBudget(Duration.ZERO)
                .jitter(() -> 0.0);
    }

    /** Makes the cache fetch a token for the cold {@code key} and returns it as now served. */
    OperatorToken prime(OperatorTokenCache cache, OperatorAssignment key) {
        assertEquals(Optional.empty(), cache.get(key), "key should be cold before priming");
        fetches.runAll();
        return cache.get(key).orElseThrow();
    }
}
