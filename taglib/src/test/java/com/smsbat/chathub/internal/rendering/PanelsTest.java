package com.smsbat.chathub.internal.rendering;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token expiry as the browser renewal module reads it from {@code data-chathub-expires-at}. */
class PanelsTest {

    @Test
    void expiryIsWrittenExactlyAsInstantWritesIt() {
        Random random = new Random(14);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L),
                    i % 4 == 0 ? random.nextInt(1_000_000_000) : 0);

            assertEquals(instant.toString(), Panels.isoInstant(instant));
        }
        assertEquals("1970-01-01T00:00:00Z", Panels.isoInstant(Instant.EPOCH));
        assertEquals("2026-12-01T09:05:07Z", Panels.isoInstant(Instant.parse("2026-12-01T09:05:07Z")));
    }
}
