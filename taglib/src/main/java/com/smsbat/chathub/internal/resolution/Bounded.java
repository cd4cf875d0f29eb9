package com.smsbat.chathub.internal.resolution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Memory keyed by what users choose (names), which must not grow with them: the least recently used entry goes
 * when a new one would exceed the bound.
 */
final class Bounded {

    private Bounded() {
    }

    static <K, V> Map<K, V> map(final int maxEntries) {
        return Collections.synchronizedMap(new LinkedHashMap<K, V>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        });
    }

    static <T> Set<T> set(int maxEntries) {
        return Collections.newSetFromMap(Bounded.<T, Boolean>map(maxEntries));
    }
}
