package com.smsbat.chathub.internal.injection;

import java.io.IOException;
import java.util.Arrays;

/**
 * Passes a page downstream as it is written while keeping back its last {@code </body>} (ASCII
 * case-insensitive, however the page is split into writes), so that markup can be inserted before it.
 * Units are bytes of an ASCII-compatible encoding or chars; a write's units come as a {@code byte[]}, a
 * {@code char[]} or a {@code String}.
 *
 * <p>What is kept back is bounded, whatever the page size: at most {@value #MAX_HELD} units, namely
 * a {@code </body>} candidate, at most {@value #MAX_HELD_AFTER_MARKER} units written after it, and the start of
 * a possible next marker (up to 6 units) at the end of a write. A later {@code </body>} releases the earlier one
 * with everything up to it. A candidate followed by more than {@value #MAX_HELD_AFTER_MARKER} units is released
 * without insertion and scanning goes on: a real end of page is followed by little, so such a marker is far more
 * likely text inside a script or comment, where inserting a script tag would break the page.
 *
 * <p>Cost: only the last {@value #MAX_HELD_AFTER_MARKER} units of a write can hold a candidate, and of those only
 * every seventh unit is looked at (see {@link #lastMarker}); nothing is allocated until a unit has to be kept back.
 *
 * <p>Not thread-safe; the owner serialises calls.
 */
final class BodyEndScanner {

    static final int MAX_HELD_AFTER_MARKER = 8 * 1024;

    private static final String MARKER = "</body>";
    private static final int MARKER_LENGTH = MARKER.length();
    /** A marker, what follows it, and a next marker completing while the first is still held. */
    static final int MAX_HELD = MARKER_LENGTH + MAX_HELD_AFTER_MARKER + MARKER_LENGTH;
    /**
     * By ASCII unit, its position in the marker (either case), or the marker's length for units not in it. The
     * marker's units are all different, so a unit at marker position {@code k} can only belong to a marker
     * starting {@code k} units back.
     */
    private static final byte[] POSITION = positions();

    /** Where units go, and who decides about the markup. */
    interface Downstream {

        /** Units {@code [from, to)} of a write's units, or of the held ones, go on to the container. */
        void write(Object units, int from, int to) throws IOException;

        /** At the {@code </body>} that gets the markup: writes it, or returns false to insert nothing. */
        boolean insertMarkup() throws IOException;
    }

    private final Downstream downstream;
    private final boolean bytes;
    /** Units held back, a {@code byte[]} or {@code char[]}: a candidate and what followed it, then {@link #tail}. */
    private Object heldUnits;
    private int capacity;
    private int held;
    /** Held units at the end that may be the start of a marker. */
    private int tail;
    private boolean candidate;
    /** The markup was inserted or declined, or the page ended: everything passes straight through. */
    private boolean settled;

    /** @param bytes whether units are bytes (held as a {@code byte[]}) rather than chars */
    BodyEndScanner(Downstream downstream, boolean bytes) {
        this.downstream = downstream;
        this.bytes = bytes;
    }

    /** Scans units {@code [from, to)} of a {@code byte[]}, {@code char[]} or {@code String}. */
    void write(Object units, int from, int to) throws IOException {
        if (settled) {
            pass(units, from, to);
            return;
        }
        int index = from;
        if (tail > 0) {
            int matched = tail;
            while (index < to && matched < MARKER_LENGTH && continuesMarker(unit(units, index), matched)) {
                index++;
                matched++;
            }
            hold(units, from, index);
            if (matched == MARKER_LENGTH) {
                tail = 0;
                heldEndsWithMarker();
            } else if (index == to) {
                tail = matched;
                return;
            } else {
                tail = 0;
            }
        }
        int end = partialMarkerStart(units, index, to);
        int marker = lastMarker(units, Math.max(index, to - MARKER_LENGTH - MAX_HELD_AFTER_MARKER), end);
        if (marker >= 0) {
            releaseHeld();
            pass(units, index, marker);
            hold(units, marker, to);
            candidate = true;
        } else if (candidate && withinBound(to - index)) {
            hold(units, index, to);
        } else {
            releaseHeld();
            pass(units, index, end);
            hold(units, end, to);
        }
        tail = to - end;
    }

    /** A flush: a held {@code </body>} gets the markup now, since what is flushed cannot be taken back. */
    void flush() throws IOException {
        if (!settled && candidate) {
            settle();
        }
    }

    /**
     * The end of a write that may be the last one the scanner sees (an asynchronous response completes
     * without telling anyone): a held {@code </body>} gets the markup, and nothing stays held.
     */
    void endOfWrite() throws IOException {
        if (settled) {
            return;
        }
        if (candidate) {
            settle();
        } else {
            releaseHeld();
        }
    }

    /** The end of the page: the last {@code </body>}, if still held, gets the markup. */
    void finish() throws IOException {
        if (!settled) {
            settle();
        }
    }

    /** Passes on everything held without inserting anything; later units pass straight through. */
    void release() throws IOException {
        settled = true;
        releaseHeld();
    }

    /** Forgets everything held and starts over: the container discarded what it had buffered. */
    void reset() {
        held = 0;
        tail = 0;
        candidate = false;
        settled = false;
    }

    private void settle() throws IOException {
        settled = true;
        if (candidate && withinBound(0)) {
            downstream.insertMarkup();
        }
        releaseHeld();
    }

    /** Whether a held candidate with {@code more} units added is still followed by no more than the bound. */
    private boolean withinBound(int more) {
        return held + more - MARKER_LENGTH <= MAX_HELD_AFTER_MARKER;
    }

    /** The held tail just completed a marker: it supersedes whatever was held before it. */
    private void heldEndsWithMarker() throws IOException {
        int before = held - MARKER_LENGTH;
        if (before > 0) {
            downstream.write(heldUnits, 0, before);
            System.arraycopy(heldUnits, before, heldUnits, 0, MARKER_LENGTH);
            held = MARKER_LENGTH;
        }
        candidate = true;
    }

    private void releaseHeld() throws IOException {
        if (held > 0) {
            downstream.write(heldUnits, 0, held);
        }
        held = 0;
        tail = 0;
        candidate = false;
    }

    private void pass(Object units, int from, int to) throws IOException {
        if (to > from) {
            downstream.write(units, from, to);
        }
    }

    private void hold(Object units, int from, int to) {
        int count = to - from;
        if (count <= 0) {
            return;
        }
        if (held + count > capacity) {
            grow(held + count);
        }
        if (units instanceof String) {
            ((String) units).getChars(from, to, (char[]) heldUnits, held);
        } else {
            System.arraycopy(units, from, heldUnits, held, count);
        }
        held += count;
    }

    /** Held storage grows with need, never beyond {@link #MAX_HELD}. */
    private void grow(int needed) {
        int grown = Math.min(MAX_HELD, Math.max(needed, Math.max(16, capacity * 2)));
        Object storage = bytes ? new byte[grown] : new char[grown];
        if (held > 0) {
            System.arraycopy(heldUnits, 0, storage, 0, held);
        }
        heldUnits = storage;
        capacity = grown;
    }

    /**
     * The start of the last whole marker within {@code [from, to)}, or -1. Any seven units in a row hold exactly one
     * unit at a multiple of seven units back from the end, so only those are looked at: a marker's unit there tells
     * where that marker would start. The steps are a fixed seven units apart, so the processor loads several at a
     * time; markers cannot overlap, so the first one found from the end is the last one.
     */
    private static int lastMarker(Object units, int from, int to) {
        for (int probe = to - 1; probe >= from; probe -= MARKER_LENGTH) {
            int unit = unit(units, probe);
            int position = unit < POSITION.length ? POSITION[unit] : MARKER_LENGTH;
            int start = probe - position;
            if (position < MARKER_LENGTH && start >= from && start + MARKER_LENGTH <= to && markerAt(units, start)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean markerAt(Object units, int start) {
        for (int position = 0; position < MARKER_LENGTH; position++) {
            if (!continuesMarker(unit(units, start + position), position)) {
                return false;
            }
        }
        return true;
    }

    /** Where a marker cut off by the end of the write starts within {@code [from, to)}, or {@code to}. */
    private static int partialMarkerStart(Object units, int from, int to) {
        for (int start = Math.max(from, to - MARKER_LENGTH + 1); start < to; start++) {
            if (unit(units, start) == '<') {
                int position = 1;
                while (start + position < to && continuesMarker(unit(units, start + position), position)) {
                    position++;
                }
                if (start + position == to) {
                    return start;
                }
            }
        }
        return to;
    }

    private static int unit(Object units, int index) {
        if (units instanceof byte[]) {
            return ((byte[]) units)[index] & 0xFF;
        }
        if (units instanceof char[]) {
            return ((char[]) units)[index];
        }
        return ((String) units).charAt(index);
    }

    private static boolean continuesMarker(int unit, int position) {
        int lower = unit >= 'A' && unit <= 'Z' ? unit + ('a' - 'A') : unit;
        return lower == MARKER.charAt(position);
    }

    private static byte[] positions() {
        byte[] positions = new byte[128];
        Arrays.fill(positions, (byte) MARKER_LENGTH);
        for (int position = 0; position < MARKER_LENGTH; position++) {
            char c = MARKER.charAt(position);
            positions[c] = (byte) position;
            positions[Character.toUpperCase(c)] = (byte) position;
        }
        return positions;
    }
}
