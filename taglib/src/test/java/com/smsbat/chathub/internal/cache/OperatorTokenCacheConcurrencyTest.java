package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.client.OperatorToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.smsbat.chathub.internal.cache.TokenCacheRig.ALICE;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour with real threads: fetches and callers run concurrently; time still comes from the fake clock. */
class OperatorTokenCacheConcurrencyTest {

    private static final Duration LONG_BUDGET = Duration.ofSeconds(30);
    private static final Duration SHORT_BUDGET = Duration.ofMillis(200);
    private static final long TIMEOUT_SECONDS = 10;

    private final TokenCacheRig rig = new TokenCacheRig();
    private final ExecutorService fetchThreads = Executors.newCachedThreadPool();
    private final ExecutorService callerThreads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopThreads() throws InterruptedException {
        release.countDown();
        for (ExecutorService threads : List.of(fetchThreads, callerThreads)) {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
    }

    private OperatorTokenCache cache(Duration waitBudget) {
        return OperatorTokenCache.builder(rig.source).clock(rig.clock).executor(fetchThreads)
                .waitBudget(waitBudget).build();
    }

    @Test
    void concurrentColdGetsShareOneFetchAndOneToken() throws Exception {
        int callers = 200;
        CountDownLatch arrived = new CountDownLatch(callers);
        rig.source.answer((key, requestedExpiry) -> {
            FakeTokenSource.await(arrived);
            return rig.source.token(requestedExpiry);
        });
        try (OperatorTokenCache cache = cache(LONG_BUDGET)) {
            List<Future<Optional<OperatorToken>>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(callerThreads.submit(() -> {
                    arrived.countDown();
                    return cache.get(ALICE);
                }));
            }

            Set<OperatorToken> served = new HashSet<>();
            for (Future<Optional<OperatorToken>> result : results) {
                served.add(result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).orElseThrow());
            }
            assertEquals(1, served.size());
            assertEquals(1, rig.source.calls().size());
        }
    }

    @Test
    void differentKeysFetchInParallel() throws Exception {
        CountDownLatch aliceFetching = new CountDownLatch(1);
        CountDownLatch bobFetching = new CountDownLatch(1);
        rig.source.answer((key, requestedExpiry) -> {
            // Each fetch finishes only once the other has started: serialised fetches would time out.
            boolean alice = key.equals(ALICE);
            (alice ? aliceFetching : bobFetching).countDown();
            FakeTokenSource.await(alice ? bobFetching : aliceFetching);
            return rig.source.token(requestedExpiry);
        });
        try (OperatorTokenCache cache = cache(LONG_BUDGET)) {
            Future<Optional<OperatorToken>> alice = callerThreads.submit(() -> cache.get(ALICE));
            Future<Optional<OperatorToken>> bob = callerThreads.submit(() -> cache.get(BOB));

            assertTrue(alice.get(TIMEOUT_SECONDS * 2, TimeUnit.SECONDS).isPresent());
            assertTrue(bob.get(TIMEOUT_SECONDS * 2, TimeUnit.SECONDS).isPresent());
        }
    }

    @Test
    void hungFetchForOneKeyDoesNotDelayAnother() throws Exception {
        CountDownLatch aliceFetching = new CountDownLatch(1);
        rig.source.answer((key, requestedExpiry) -> {
            if (key.equals(ALICE)) {
                aliceFetching.countDown();
                FakeTokenSource.await(release);
            }
            return rig.source.token(requestedExpiry);
        });
        try (OperatorTokenCache cache = cache(LONG_BUDGET)) {
            Future<Optional<OperatorToken>> alice = callerThreads.submit(() -> cache.get(ALICE));
            FakeTokenSource.await(aliceFetching);

            Optional<OperatorToken> bob = assertTimeoutPreemptively(Duration.ofSeconds(TIMEOUT_SECONDS),
                    () -> cache.get(BOB));

            assertTrue(bob.isPresent());
            assertFalse(alice.isDone());
        }
    }

    @Test
    void hungSourceLeavesTheCallerEmptyHandedWithinTheWaitBudget() {
        rig.source.answer((key, requestedExpiry) -> {
            FakeTokenSource.await(release);
            return rig.source.token(requestedExpiry);
        });
        try (OperatorTokenCache cache = cache(SHORT_BUDGET)) {
            long started = System.nanoTime();
            Optional<OperatorToken> served = cache.get(ALICE);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(Optional.empty(), served);
            assertTrue(waited.compareTo(SHORT_BUDGET.plusSeconds(2)) < 0, "waited " + waited);
        }
    }

    @Test
    void lateResultOfAFetchThatOutlivedTheWaitBudgetIsServedAfterwards() throws InterruptedException {
        rig.source.answer((key, requestedExpiry) -> {
            FakeTokenSource.await(release);
            return rig.source.token(requestedExpiry);
        });
        try (OperatorTokenCache cache = cache(SHORT_BUDGET)) {
            assertEquals(Optional.empty(), cache.get(ALICE));

            release.countDown();
            fetchThreads.shutdown();
            assertTrue(fetchThreads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS));

            assertTrue(cache.get(ALICE).isPresent());
            assertEquals(1, rig.source.calls().size());
        }
    }

    @Test
    void failedFetchWakesWaitingCallersWithEmptyBeforeTheBudgetRunsOut() {
        rig.source.fail();
        try (OperatorTokenCache cache = cache(LONG_BUDGET)) {
            long started = System.nanoTime();
            Optional<OperatorToken> served = cache.get(ALICE);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(Optional.empty(), served);
            assertTrue(waited.compareTo(LONG_BUDGET.dividedBy(3)) < 0, "waited " + waited);
        }
    }
}
