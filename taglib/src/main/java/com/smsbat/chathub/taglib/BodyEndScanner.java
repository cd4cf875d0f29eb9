package com.smsbat.chathub.taglib;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;

/**
 * Passes a page downstream as it is written while keeping back its last {@code </body>} (ASCII
 * case-insensitive, however the page is split into writes), so that markup can be inserted before it.
 * Units are bytes of an ASCII-compatible encoding or chars.
 *
 * <p>What is kept back is bounded, whatever the page size: at most {@value #MAX_HELD} units, namely
 * a {@code </body>} candidate, at most {@value #MAX_HELD_AFTER_MARKER} units written after it, and the start of
 * a possible next marker (up to 6 units) at the end of a write. A later {@code </body>} releases the earlier one
 * with everything up to it. A candidate followed by more than {@value #MAX_HELD_AFTER_MARKER} units is released
 * without insertion and scanning goes on: a real end of page is followed by little, so such a marker is far more
 * likely text inside a script or comment, where inserting a script tag would break the page.
 *
 * <p>Not thread-safe; the owner serialises calls.
 */
abstract class BodyEndScanner {

    static final int MAX_HELD_AFTER_MARKER = 8 * 1024;

    private static final String MARKER = "</body>";
    private static final int MARKER_LENGTH = MARKER.length();
    /** A marker, what follows it, and a next marker completing while the first is still held. */
    static final int MAX_HELD = MARKER_LENGTH + MAX_HELD_AFTER_MARKER + MARKER_LENGTH;

    /** Where units go and who decides about the markup. */
    interface Host {

        /** Called before {@code units} more units go downstream, where the container may commit the response. */
        void beforeDownstream(int units);

        /** At the {@code </body>} that gets the markup: writes it downstream, or returns false to insert nothing. */
        boolean insertMarkup() throws IOException;
    }

    private final Host host;
    /** Units held back: when {@link #candidate}, a marker and what followed it; then {@link #tail} units. */
    private int held;
    /** Held units at the end that may be the start of a marker. */
    private int tail;
    private boolean candidate;
    /** The markup was inserted or declined, or the page ended: everything passes straight through. */
    private boolean settled;

    BodyEndScanner(Host host) {
        this.host = host;
    }

    abstract int unitAt(int index);

    /** The index of the first {@code '<'} of the current chunk in {@code [from, to)}, or -1. */
    abstract int indexOfMarkerStart(int from, int to);

    abstract void passChunk(int from, int to) throws IOException;

    /** Copies {@code [from, to)} of the current chunk into the held units at {@code at}. */
    abstract void holdChunk(int from, int to, int at);

    abstract void passHeld(int from, int to) throws IOException;

    /** Moves held units {@code [from, from + count)} to the front. */
    abstract void moveHeldToFront(int from, int count);

    /** Scans units {@code [from, to)} of the chunk the subclass was just given. */
    final void scan(int from, int to) throws IOException {
        if (settled) {
            pass(from, to);
            return;
        }
        int pending = from;
        int index = from;
        if (tail > 0) {
            int matched = tail;
            while (index < to && matched < MARKER_LENGTH && continuesMarker(unitAt(index), matched)) {
                index++;
                matched++;
            }
            if (matched == MARKER_LENGTH) {
                hold(pending, index);
                pending = index;
                tail = 0;
                heldEndsWithMarker();
            } else if (index == to) {
                hold(pending, to);
                tail = matched;
                return;
            } else {
                tailIsContent();
            }
        }
        while (true) {
            int start = indexOfMarkerStart(index, to);
            if (start < 0) {
                content(pending, to);
                return;
            }
            int end = start + 1;
            while (end < to && end - start < MARKER_LENGTH && continuesMarker(unitAt(end), end - start)) {
                end++;
            }
            if (end - start == MARKER_LENGTH) {
                if (candidate) {
                    releaseHeld();
                }
                pass(pending, start);
                hold(start, end);
                candidate = true;
                pending = end;
                index = end;
            } else if (end == to) {
                content(pending, start);
                hold(start, to);
                tail = to - start;
                return;
            } else {
                index = end;
            }
        }
    }

    /** A flush: a held {@code </body>} gets the markup now, since what is flushed cannot be taken back. */
    final void flush() throws IOException {
        if (!settled && candidate) {
            settle();
        }
    }

    /**
     * The end of a write that may be the last one the scanner sees (an asynchronous response completes
     * without telling anyone): a held {@code </body>} gets the markup, and nothing stays held.
     */
    final void endOfWrite() throws IOException {
        if (settled) {
            return;
        }
        if (candidate) {
            settle();
        } else if (tail > 0) {
            tailIsContent();
        }
    }

    /** The end of the page: the last {@code </body>}, if still held, gets the markup. */
    final void finish() throws IOException {
        if (settled) {
            return;
        }
        if (tail > 0) {
            tailIsContent();
        }
        settle();
    }

    /** Passes on everything held without inserting anything; later units pass straight through. */
    final void release() throws IOException {
        settled = true;
        releaseHeld();
    }

    /** Forgets everything held and starts over: the container discarded what it had buffered. */
    final void reset() {
        held = 0;
        tail = 0;
        candidate = false;
        settled = false;
    }

    private void settle() throws IOException {
        settled = true;
        if (candidate) {
            host.insertMarkup();
        }
        releaseHeld();
    }

    private static boolean continuesMarker(int unit, int position) {
        int lower = unit >= 'A' && unit <= 'Z' ? unit + ('a' - 'A') : unit;
        return lower == MARKER.charAt(position);
    }

    /** Units that are page content after the point where a marker could start. */
    private void content(int from, int to) throws IOException {
        if (candidate && held + (to - from) > MARKER_LENGTH + MAX_HELD_AFTER_MARKER) {
            releaseHeld();
        }
        if (candidate) {
            hold(from, to);
        } else {
            pass(from, to);
        }
    }

    /** The held tail did not become a marker after all. */
    private void tailIsContent() throws IOException {
        tail = 0;
        if (!candidate || held > MARKER_LENGTH + MAX_HELD_AFTER_MARKER) {
            releaseHeld();
        }
    }

    /** The tail just completed a marker: it supersedes any earlier candidate. */
    private void heldEndsWithMarker() throws IOException {
        int before = held - MARKER_LENGTH;
        if (before > 0) {
            host.beforeDownstream(before);
            passHeld(0, before);
            moveHeldToFront(before, MARKER_LENGTH);
            held = MARKER_LENGTH;
        }
        candidate = true;
    }

    private void releaseHeld() throws IOException {
        if (held > 0) {
            host.beforeDownstream(held);
            passHeld(0, held);
        }
        held = 0;
        tail = 0;
        candidate = false;
    }

    private void pass(int from, int to) throws IOException {
        if (to > from) {
            host.beforeDownstream(to - from);
            passChunk(from, to);
        }
    }

    private void hold(int from, int to) {
        if (to > from) {
            holdChunk(from, to, held);
            held += to - from;
        }
    }

    /** Held storage grows with need, never beyond {@link #MAX_HELD}. */
    static int grownCapacity(int current, int needed) {
        return Math.min(MAX_HELD, Math.max(needed, Math.max(64, current * 2)));
    }

    /** For {@code ServletOutputStream} writes. */
    static final class OfBytes extends BodyEndScanner {

        private final OutputStream downstream;
        private byte[] chunk;
        private byte[] heldUnits = new byte[0];

        OfBytes(OutputStream downstream, Host host) {
            super(host);
            this.downstream = downstream;
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            chunk = bytes;
            try {
                scan(offset, offset + length);
            } finally {
                chunk = null;
            }
        }

        @Override
        int unitAt(int index) {
            return chunk[index];
        }

        @Override
        int indexOfMarkerStart(int from, int to) {
            for (int i = from; i < to; i++) {
                if (chunk[i] == '<') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        void passChunk(int from, int to) throws IOException {
            downstream.write(chunk, from, to - from);
        }

        @Override
        void holdChunk(int from, int to, int at) {
            if (at + (to - from) > heldUnits.length) {
                heldUnits = Arrays.copyOf(heldUnits, grownCapacity(heldUnits.length, at + (to - from)));
            }
            System.arraycopy(chunk, from, heldUnits, at, to - from);
        }

        @Override
        void passHeld(int from, int to) throws IOException {
            downstream.write(heldUnits, from, to - from);
        }

        @Override
        void moveHeldToFront(int from, int count) {
            System.arraycopy(heldUnits, from, heldUnits, 0, count);
        }
    }

    /** For {@code PrintWriter} writes, which arrive as char arrays or strings. */
    static final class OfChars extends BodyEndScanner {

        private final Writer downstream;
        private char[] chars;
        private String string;
        private char[] heldUnits = new char[0];

        OfChars(Writer downstream, Host host) {
            super(host);
            this.downstream = downstream;
        }

        void write(char[] buffer, int offset, int length) throws IOException {
            chars = buffer;
            try {
                scan(offset, offset + length);
            } finally {
                chars = null;
            }
        }

        void write(String text, int offset, int length) throws IOException {
            string = text;
            try {
                scan(offset, offset + length);
            } finally {
                string = null;
            }
        }

        @Override
        int unitAt(int index) {
            return chars != null ? chars[index] : string.charAt(index);
        }

        @Override
        int indexOfMarkerStart(int from, int to) {
            if (chars == null && to == string.length()) {
                return string.indexOf('<', from);
            }
            for (int i = from; i < to; i++) {
                if (unitAt(i) == '<') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        void passChunk(int from, int to) throws IOException {
            if (chars != null) {
                downstream.write(chars, from, to - from);
            } else {
                downstream.write(string, from, to - from);
            }
        }

        @Override
        void holdChunk(int from, int to, int at) {
            if (at + (to - from) > heldUnits.length) {
                heldUnits = Arrays.copyOf(heldUnits, grownCapacity(heldUnits.length, at + (to - from)));
            }
            if (chars != null) {
                System.arraycopy(chars, from, heldUnits, at, to - from);
            } else {
                string.getChars(from, to, heldUnits, at);
            }
        }

        @Override
        void passHeld(int from, int to) throws IOException {
            downstream.write(heldUnits, from, to - from);
        }

        @Override
        void moveHeldToFront(int from, int count) {
            System.arraycopy(heldUnits, from, heldUnits, 0, count);
        }
    }
}
