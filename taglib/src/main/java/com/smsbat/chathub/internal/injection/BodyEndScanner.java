package com.smsbat.chathub.internal.injection;

import java.io.IOException;

/**
 * Passes a page downstream as it is written while keeping back its last real {@code </body>} end tag (ASCII
 * case-insensitive, however the page is split into writes), so that markup can be inserted before it. Real means
 * where the HTML tokenizer would see an end tag ({@link HtmlTokenizer}): not inside an attribute value, a comment,
 * a script, a style, a textarea or a title, whose {@code </body>} is text and would carry the markup (and its
 * token) into that text or break it. Units are bytes of an ASCII-compatible encoding or chars; a write's units come
 * as a {@code byte[]}, a {@code char[]} or a {@code String}.
 *
 * <p>What is kept back is bounded, whatever the page size: at most {@value #MAX_HELD} units, namely a
 * {@code </body>} candidate and at most {@value #MAX_HELD_AFTER_MARKER} units written after it, or else the start
 * of a possible next one (up to 6 units) at the end of a write. A later {@code </body>} releases the earlier one
 * with everything up to it. A candidate followed by more than {@value #MAX_HELD_AFTER_MARKER} units is released
 * without insertion and scanning goes on: a real end of page is followed by little.
 *
 * <p>Cost: every unit passes the tokenizer once; nothing is allocated until a unit has to be kept back.
 *
 * <p>Not thread-safe; the owner serialises calls.
 */
final class BodyEndScanner {

    static final int MAX_HELD_AFTER_MARKER = 8 * 1024;

    private static final int MARKER_LENGTH = "</body>".length();
    /** A marker and what follows it. */
    static final int MAX_HELD = MARKER_LENGTH + MAX_HELD_AFTER_MARKER;

    /** Where units go, and who decides about the markup. */
    interface Downstream {

        /** Units {@code [from, to)} of a write's units, or of the held ones, go on to the container. */
        void write(Object units, int from, int to) throws IOException;

        /** At the {@code </body>} that gets the markup: writes it, or returns false to insert nothing. */
        boolean insertMarkup() throws IOException;
    }

    private final Downstream downstream;
    private final boolean bytes;
    private final HtmlTokenizer tokenizer = new HtmlTokenizer();
    /** Units held back, a {@code byte[]} or {@code char[]}: a candidate and what followed it, or {@link #tail}. */
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
        int markerEnd = tokenizer.scan(units, from, to);
        int pending = tokenizer.pending();
        int markerStart = markerEnd - MARKER_LENGTH;
        if (markerEnd >= 0 && to - markerEnd <= MAX_HELD_AFTER_MARKER
                && (markerStart >= from || from - markerStart <= tail)) {
            if (markerStart >= from) {
                releaseHeld();
                pass(units, from, markerStart);
                hold(units, markerStart, to);
            } else {
                // The marker began in the held tail: what was held before it goes on.
                keepLast(from - markerStart);
                hold(units, from, to);
            }
            candidate = true;
        } else if (markerEnd < 0 && candidate && withinBound(to - from)) {
            hold(units, from, to);
        } else if (pending <= to - from) {
            // No candidate any more (none, too much after it, or its start already went on at an asynchronous end).
            releaseHeld();
            pass(units, from, to - pending);
            hold(units, to - pending, to);
        } else {
            keepLast(Math.min(pending - (to - from), tail));
            hold(units, from, to);
        }
        tail = Math.min(pending, held);
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
        tokenizer.reset();
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

    /** Passes on all held units but the last {@code count}, which stay held as the start of the held ones. */
    private void keepLast(int count) throws IOException {
        int before = held - count;
        if (before > 0) {
            downstream.write(heldUnits, 0, before);
            System.arraycopy(heldUnits, before, heldUnits, 0, count);
            held = count;
        }
        tail = 0;
        candidate = false;
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
}
