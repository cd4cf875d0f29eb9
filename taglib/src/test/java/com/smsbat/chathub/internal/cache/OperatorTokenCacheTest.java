package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.client.OperatorToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.smsbat.chathub.internal.cache.TokenCacheRig.ALICE;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.BOB;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.DEFAULT_LIFETIME;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorTokenCacheTest {

    private final TokenCacheRig rig = new TokenCacheRig();

    /** The cache's own fetch threads, and a budget no loaded CI box comes near. */
    private OperatorTokenCache.Builder withOwnThreads() {
        return OperatorTokenCache.builder(rig.source).clock(rig.clock).waitBudget(Duration.ofSeconds(30));
    }

    @Test
    void coldGetFetchesOnceAndLaterGetsAreServedFromTheCache() {
        try (OperatorTokenCache cache = withOwnThreads().build()) {
            OperatorToken first = cache.get(ALICE).orElseThrow();

            assertEquals(Optional.of(first), cache.get(ALICE));
            assertEquals(Optional.of(first), cache.get(ALICE));
            assertEquals(1, rig.source.calls().size());
        }
    }

    @Test
    void asksTheSourceForNowPlusTheConfiguredLifetime() {
        try (OperatorTokenCache cache = withOwnThreads().lifetime(Duration.ofHours(12)).build()) {
            cache.get(ALICE).orElseThrow();

            assertEquals(START.plus(Duration.ofHours(12)), rig.source.calls().get(0).requestedExpiry());
        }
    }

    @Test
    void defaultLifetimeStaysJustUnderChatHubsLimit() {
        try (OperatorTokenCache cache = withOwnThreads().build()) {
            cache.get(ALICE).orElseThrow();

            assertEquals(START.plus(DEFAULT_LIFETIME), rig.source.calls().get(0).requestedExpiry());
        }
    }

    @Test
    void statsCountHitsMissesRefreshesFailuresAndUpstreamCalls() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            rig.prime(cache, ALICE);               // one miss, one upstream call, then one hit
            cache.get(ALICE);                      // hit
            rig.source.fail();
            rig.clock.set(START.plus(DEFAULT_LIFETIME).minus(Duration.ofHours(1)));
            cache.get(ALICE);                      // hit that starts a refresh
            rig.fetches.runAll();                  // the refresh fails
            cache.get(BOB);                        // miss, its fetch not run yet

            assertEquals(new CacheStats(3, 2, 1, 1, 2, 2), cache.stats());
        }
    }

    @Test
    void closeStopsTheFetchThreadsItStarted() throws InterruptedException {
        OperatorTokenCache cache = withOwnThreads().build();
        cache.get(ALICE).orElseThrow();
        cache.get(BOB).orElseThrow();

        cache.close();

        List<Thread> fetchThreads = rig.source.calls().stream().map(FakeTokenSource.Call::thread).toList();
        for (Thread thread : fetchThreads) {
            assertTrue(thread.getName().startsWith("chathub-token-fetch-"), thread.getName());
            thread.join(Duration.ofSeconds(5).toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " still alive after close()");
        }
    }

    @Test
    void getAfterCloseIsRejected() {
        OperatorTokenCache cache = withOwnThreads().build();
        cache.close();

        assertThrows(IllegalStateException.class, () -> cache.get(ALICE));
    }

    @Test
    void closeLeavesACallerSuppliedExecutorRunning() {
        OperatorTokenCache cache = rig.builder().build();

        cache.close();

        assertFalse(rig.fetches.isShutdown());
    }
}
