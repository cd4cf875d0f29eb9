package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.client.OperatorToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static com.smsbat.chathub.internal.cache.TokenCacheRig.ALICE;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.BOB;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.DEFAULT_LIFETIME;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Refresh ahead of expiry, its jitter, and the backoff after failed refreshes, all on a fake clock. */
class OperatorTokenCacheRefreshTest {

    /** A token primed at START expires at EXPIRY; without jitter its refresh point is an hour earlier. */
    private static final Instant EXPIRY = START.plus(DEFAULT_LIFETIME);
    private static final Instant REFRESH_POINT = EXPIRY.minus(Duration.ofHours(1));

    private final TokenCacheRig rig = new TokenCacheRig();

    /** Calls {@code get} once a second for {@code duration}, letting any fetch it starts run at once. */
    private void getEverySecond(OperatorTokenCache cache, Duration duration) {
        for (long second = 0; second < duration.toSeconds(); second++) {
            cache.get(ALICE);
            rig.fetches.runAll();
            rig.clock.advance(Duration.ofSeconds(1));
        }
    }

    private List<Duration> gapsBetweenRefreshAttempts() {
        List<Instant> attempts = rig.source.calls().stream().skip(1).map(FakeTokenSource.Call::at).toList();
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(Duration.between(attempts.get(i - 1), attempts.get(i)));
        }
        return gaps;
    }

    @Test
    void noRefreshStartsBeforeTheRefreshPoint() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            rig.prime(cache, ALICE);
            rig.clock.set(REFRESH_POINT.minusMillis(1));

            cache.get(ALICE);

            assertEquals(0, rig.fetches.queued());
        }
    }

    @Test
    void getAtTheRefreshPointServesTheCurrentTokenAndStartsABackgroundRefresh() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            OperatorToken current = rig.prime(cache, ALICE);
            rig.clock.set(REFRESH_POINT);

            assertEquals(Optional.of(current), cache.get(ALICE));
            assertEquals(1, rig.fetches.queued());
        }
    }

    @Test
    void completedRefreshReplacesTheToken() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            OperatorToken old = rig.prime(cache, ALICE);
            rig.clock.set(REFRESH_POINT);
            cache.get(ALICE);

            rig.fetches.runAll();

            OperatorToken refreshed = cache.get(ALICE).orElseThrow();
            assertNotEquals(old, refreshed);
            assertEquals(REFRESH_POINT.plus(DEFAULT_LIFETIME), refreshed.expiresAt());
        }
    }

    @Test
    void onlyOneRefreshRunsHoweverManyGetsArrive() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            rig.prime(cache, ALICE);
            rig.clock.set(REFRESH_POINT);

            for (int i = 0; i < 100; i++) {
                cache.get(ALICE);
                rig.clock.advance(Duration.ofSeconds(1));
            }

            assertEquals(1, rig.fetches.queued());
            assertEquals(1, cache.stats().refreshes());
        }
    }

    @Test
    void jitterSpreadsTheRefreshPointsOfTokensFetchedTogether() {
        Iterator<Double> jitter = List.of(0.0, 0.5, 0.0).iterator();   // ALICE, BOB, BOB's refresh
        try (OperatorTokenCache cache = rig.builder().jitter(jitter::next).build()) {
            rig.prime(cache, ALICE);   // refresh point one hour before expiry
            rig.prime(cache, BOB);     // half of the 10 % jitter: three minutes earlier still
            rig.clock.set(REFRESH_POINT.minus(Duration.ofMinutes(1)));

            cache.get(ALICE);
            cache.get(BOB);
            rig.fetches.runAll();

            assertEquals(1, rig.source.callsFor(ALICE));
            assertEquals(2, rig.source.callsFor(BOB));
        }
    }

    @Test
    void tokensShorterThanRefreshAheadAreRefreshedAtHalfTheirLifeNotOnEveryGet() {
        rig.source.answer((key, requestedExpiry) -> rig.source.token(rig.clock.instant().plusSeconds(30 * 60)));
        try (OperatorTokenCache cache = rig.builder().build()) {
            rig.prime(cache, ALICE);

            rig.clock.set(START.plus(Duration.ofMinutes(15)).minusMillis(1));
            cache.get(ALICE);
            assertEquals(0, rig.fetches.queued());

            rig.clock.set(START.plus(Duration.ofMinutes(15)));
            cache.get(ALICE);
            assertEquals(1, rig.fetches.queued());
        }
    }

    @Test
    void failedRefreshKeepsServingTheCurrentToken() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            OperatorToken current = rig.prime(cache, ALICE);
            rig.source.fail();
            rig.clock.set(REFRESH_POINT);
            cache.get(ALICE);

            rig.fetches.runAll();

            assertEquals(Optional.of(current), cache.get(ALICE));
            assertEquals(1, cache.stats().failures());
        }
    }

    @Test
    void retriesOfAFailingRefreshAreSpacedByDoublingBackoff() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            rig.prime(cache, ALICE);
            rig.source.fail();
            rig.clock.set(REFRESH_POINT);

            getEverySecond(cache, Duration.ofMinutes(1));

            // Attempts at 0, 5, 15 and 35 s; the next would be at 75 s.
            assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20)),
                    gapsBetweenRefreshAttempts());
        }
    }

    @Test
    void backoffStopsGrowingAtItsMaximum() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            rig.prime(cache, ALICE);
            rig.source.fail();
            rig.clock.set(REFRESH_POINT);

            getEverySecond(cache, Duration.ofMinutes(16));

            Duration cap = Duration.ofMinutes(5);
            assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                            Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(160), cap, cap),
                    gapsBetweenRefreshAttempts());
        }
    }

    @Test
    void jitterShortensTheBackoff() {
        try (OperatorTokenCache cache = rig.builder().jitter(() -> 0.5).build()) {
            rig.prime(cache, ALICE);
            rig.source.fail();
            rig.clock.set(REFRESH_POINT);       // past the jittered refresh point: refresh fails now
            cache.get(ALICE);
            rig.fetches.runAll();

            rig.clock.advance(Duration.ofMillis(4_749));
            cache.get(ALICE);
            assertEquals(0, rig.fetches.queued());

            rig.clock.advance(Duration.ofMillis(1));  // 5 s less 5 % of it
            cache.get(ALICE);
            assertEquals(1, rig.fetches.queued());
        }
    }

    @Test
    void successfulRefreshResetsTheBackoff() {
        try (OperatorTokenCache cache = rig.builder().build()) {
            rig.prime(cache, ALICE);
            rig.source.fail();
            rig.clock.set(REFRESH_POINT);
            getEverySecond(cache, Duration.ofSeconds(30));   // fails at 0, 5 and 15 s: next delay would be 20 s
            rig.source.succeed();
            rig.clock.set(REFRESH_POINT.plusSeconds(35));
            OperatorToken old = cache.get(ALICE).orElseThrow();
            rig.fetches.runAll();
            assertNotEquals(old, cache.get(ALICE).orElseThrow());

            rig.source.fail();
            rig.clock.set(REFRESH_POINT.plusSeconds(35).plus(DEFAULT_LIFETIME).minus(Duration.ofHours(1)));
            cache.get(ALICE);
            rig.fetches.runAll();
            rig.clock.advance(Duration.ofSeconds(5));
            cache.get(ALICE);

            assertEquals(1, rig.fetches.queued());
        }
    }
}
