package com.smsbat.chathub.internal.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static com.smsbat.chathub.internal.cache.TokenCacheRig.ALICE;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.DEFAULT_LIFETIME;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens near or past expiry are never handed out, and failures with nothing usable are remembered. */
class OperatorTokenCacheExpiryTest {

    private static final Duration SAFETY_MARGIN = Duration.ofMinutes(1);
    private static final Duration FAILURE_MEMORY = SingleFlight.FAILURE_MEMORY;
    private static final Instant EXPIRY = START.plus(DEFAULT_LIFETIME);

    private final TokenCacheRig rig = new TokenCacheRig();

    private OperatorTokenCache cache() {
        return rig.builder().safetyMargin(SAFETY_MARGIN).build();
    }

    @Test
    void tokenIsServedUntilTheSafetyMarginBeforeItsExpiryAndNotAfter() {
        try (OperatorTokenCache cache = cache()) {
            rig.prime(cache, ALICE);
            rig.source.fail();

            rig.clock.set(EXPIRY.minus(SAFETY_MARGIN).minusMillis(1));
            assertTrue(cache.get(ALICE).isPresent());
            rig.fetches.runAll();

            rig.clock.set(EXPIRY.minus(SAFETY_MARGIN));
            assertEquals(Optional.empty(), cache.get(ALICE));
        }
    }

    @Test
    void expiredTokenIsNeverServedWhileFetchesFail() {
        try (OperatorTokenCache cache = cache()) {
            rig.prime(cache, ALICE);
            rig.source.fail();
            rig.clock.set(EXPIRY.plusSeconds(1));

            for (int i = 0; i < 30; i++) {
                assertEquals(Optional.empty(), cache.get(ALICE));
                rig.fetches.runAll();
                rig.clock.advance(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void expiryReportedByTheSourceCountsEvenWhenEarlierThanRequested() {
        Instant reportedExpiry = START.plus(Duration.ofHours(2));
        rig.source.answer((key, requestedExpiry) -> rig.source.token(reportedExpiry));
        try (OperatorTokenCache cache = cache()) {
            rig.prime(cache, ALICE);
            rig.source.fail();

            rig.clock.set(reportedExpiry.minus(SAFETY_MARGIN));
            assertEquals(Optional.empty(), cache.get(ALICE));
        }
    }

    @Test
    void tokenArrivingAlreadyWithinTheSafetyMarginCountsAsAFailure() {
        rig.source.answer((key, requestedExpiry) -> rig.source.token(rig.clock.instant().plusSeconds(30)));
        try (OperatorTokenCache cache = cache()) {
            cache.get(ALICE);
            rig.fetches.runAll();

            assertEquals(Optional.empty(), cache.get(ALICE));
            assertEquals(1, cache.stats().failures());
        }
    }

    @Test
    void failureWithNothingCachedAnswersEmptyAtOnceWithoutAskingTheSourceAgain() {
        rig.source.fail();
        try (OperatorTokenCache cache = cache()) {
            cache.get(ALICE);
            rig.fetches.runAll();

            rig.clock.advance(FAILURE_MEMORY.minusMillis(1));
            for (int i = 0; i < 20; i++) {
                assertEquals(Optional.empty(), cache.get(ALICE));
            }

            assertEquals(0, rig.fetches.queued());
            assertEquals(1, rig.source.calls().size());
        }
    }

    @Test
    void rememberedFailureIsForgottenAfterTheFailureMemory() {
        rig.source.fail();
        try (OperatorTokenCache cache = cache()) {
            cache.get(ALICE);
            rig.fetches.runAll();
            rig.source.succeed();

            rig.clock.advance(FAILURE_MEMORY);
            cache.get(ALICE);
            rig.fetches.runAll();

            assertTrue(cache.get(ALICE).isPresent());
            assertEquals(2, rig.source.calls().size());
        }
    }
}
