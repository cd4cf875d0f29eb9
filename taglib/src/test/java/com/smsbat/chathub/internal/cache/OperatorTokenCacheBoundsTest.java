package com.smsbat.chathub.internal.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static com.smsbat.chathub.internal.cache.TokenCacheRig.ALICE;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.BOB;
import static com.smsbat.chathub.internal.cache.TokenCacheRig.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache stays bounded: by entry count (least recently read evicted) and by idle time. */
class OperatorTokenCacheBoundsTest {

    private static final Duration IDLE_EXPIRY = Duration.ofHours(1);

    private final TokenCacheRig rig = new TokenCacheRig();

    @Test
    void insertingBeyondMaxEntriesEvictsTheLeastRecentlyRead() {
        try (OperatorTokenCache cache = rig.builder().maxEntries(2).build()) {
            rig.prime(cache, ALICE);
            rig.clock.advance(Duration.ofSeconds(1));
            rig.prime(cache, BOB);
            rig.clock.advance(Duration.ofSeconds(1));
            cache.get(ALICE);
            rig.clock.advance(Duration.ofSeconds(1));

            rig.prime(cache, CAROL);

            assertEquals(2, cache.stats().entries());
            assertTrue(cache.get(ALICE).isPresent());
            assertEquals(Optional.empty(), cache.get(BOB));
        }
    }

    @Test
    void entriesNotReadForTheIdleExpiryAreDropped() {
        try (OperatorTokenCache cache = rig.builder().idleExpiry(IDLE_EXPIRY).build()) {
            rig.prime(cache, ALICE);
            rig.clock.advance(IDLE_EXPIRY);

            rig.prime(cache, BOB);

            assertEquals(1, cache.stats().entries());
            assertEquals(Optional.empty(), cache.get(ALICE));
        }
    }

    @Test
    void entriesReadWithinTheIdleExpiryAreKept() {
        try (OperatorTokenCache cache = rig.builder().idleExpiry(IDLE_EXPIRY).build()) {
            rig.prime(cache, ALICE);
            rig.clock.advance(IDLE_EXPIRY.minusMinutes(1));
            cache.get(ALICE);
            rig.clock.advance(IDLE_EXPIRY.minusMinutes(1));

            rig.prime(cache, BOB);

            assertEquals(2, cache.stats().entries());
            assertTrue(cache.get(ALICE).isPresent());
        }
    }
}
