package com.smsbat.chathub.internal.resolution;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory keyed by names users choose stays within its bound, dropping the least recently used. */
class BoundedTest {

    @Test
    void aMapKeepsItsMostRecentlyUsedEntriesOnly() {
        Map<String, Integer> map = Bounded.map(3);
        for (int i = 0; i < 10_000; i++) {
            map.put("user" + i, i);
            map.get("user0");
        }

        assertEquals(3, map.size());
        assertTrue(map.containsKey("user0"));
        assertTrue(map.containsKey("user9999"));
    }

    @Test
    void aSetKeepsItsBound() {
        Set<String> set = Bounded.set(1_000);
        for (int i = 0; i < 5_000; i++) {
            set.add("refusal " + i);
        }

        assertEquals(1_000, set.size());
    }
}
