package com.smsbat.chathub.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Misbehaviour to inject into one {@link ChatHubSandbox}: latency, error statuses, raw bodies, hangs, and token
 * bodies in the other encodings ChatHub's docs mention ({@link #encodeTokens}). Reachable only through this object,
 * never over HTTP or from configuration, so a sandbox started by a deployed application cannot be made to misbehave
 * and always answers as ChatHub's reference pages show. Thread-safe.
 *
 * <p>Canned answers ({@link #fail}, {@link #respond}) are given in the order they were added; {@code times}
 * of {@link #FOREVER} keeps an answer until {@link #clear()}. Delays and hangs come before the answer.
 */
public final class SandboxFaults {

    /** For {@code times}: keep answering this way until {@link #clear()}. */
    public static final int FOREVER = -1;

    /** How a get-token answer carries its token. */
    public enum TokenEncoding {
        /** {@code "eyJ…"} as {@code application/json}: the reference pages' answer, the default. */
        JSON_STRING,
        /** {@code eyJ…} as {@code text/plain}: ChatHub's answer when the request's {@code Accept} prefers text. */
        TEXT_PLAIN,
        /**
         * {@code {"token":"eyJ…","expiresAt":"…"}} ({@code {"token":"eyJ…"}} for company tokens) as
         * {@code application/json}: a form other pages of ChatHub's docs show; never answered by default.
         */
        OBJECT,
        /** {@code eyJ…} with no {@code Content-Type} at all; never answered by default. */
        BARE
    }

    /** An answer given instead of the real one, {@code remaining} more times ({@link #FOREVER} for ever). */
    static final class Canned {
        final int status;
        final String contentType;
        final String body;
        private int remaining;

        private Canned(int status, String contentType, String body, int remaining) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            this.remaining = remaining;
        }
    }

    private final Map<SandboxEndpoint, Duration> delays = new EnumMap<>(SandboxEndpoint.class);
    private final Set<SandboxEndpoint> hung = EnumSet.noneOf(SandboxEndpoint.class);
    private final Map<SandboxEndpoint, Deque<Canned>> canned = new EnumMap<>(SandboxEndpoint.class);
    /** {@code null}: as the request's {@code Accept} asks, {@link TokenEncoding#JSON_STRING} or {@link TokenEncoding#TEXT_PLAIN}. */
    private TokenEncoding tokenEncoding;
    /** Counted down by {@link #clear()} and on close, ending every delay and hang in progress. */
    private CountDownLatch release = new CountDownLatch(1);

    SandboxFaults() {
    }

    /** Answers {@code endpoint} only after {@code delay}. */
    public synchronized SandboxFaults delay(SandboxEndpoint endpoint, Duration delay) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        delays.put(endpoint, delay);
        return this;
    }

    /** Answers {@code endpoint} with {@code status} and a small JSON error body, {@code times} times. */
    public SandboxFaults fail(SandboxEndpoint endpoint, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fail needs an error status (400-599), was " + status);
        }
        return add(endpoint, new Canned(status, ChatHubSandbox.JSON,
                "{\"error\":\"sandbox fault: status " + status + "\"}", checkedTimes(times)));
    }

    /** Answers {@code endpoint} with 200 and exactly {@code rawBody} (as {@code text/plain}) until {@link #clear()}. */
    public SandboxFaults respond(SandboxEndpoint endpoint, String rawBody) {
        return respond(endpoint, 200, rawBody, FOREVER);
    }

    /** Answers {@code endpoint} with {@code status} and exactly {@code rawBody} (as {@code text/plain}), {@code times} times. */
    public SandboxFaults respond(SandboxEndpoint endpoint, int status, String rawBody, int times) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("respond needs a status of 200-599, was " + status);
        }
        return add(endpoint, new Canned(status, ChatHubSandbox.TEXT, rawBody, checkedTimes(times)));
    }

    /**
     * Answers both get-token endpoints with real tokens in {@code encoding}, whatever the request's {@code Accept},
     * until {@link #clear()}: for checking that a client copes with every encoding ChatHub's docs mention.
     */
    public synchronized SandboxFaults encodeTokens(TokenEncoding encoding) {
        this.tokenEncoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /** Leaves every request to {@code endpoint} unanswered until {@link #clear()} or the sandbox closes. */
    public synchronized SandboxFaults hang(SandboxEndpoint endpoint) {
        hung.add(Objects.requireNonNull(endpoint, "endpoint"));
        return this;
    }

    /** Removes every fault and variant; requests hanging or delayed right now carry on and get their real answers. */
    public void clear() {
        CountDownLatch released;
        synchronized (this) {
            delays.clear();
            hung.clear();
            canned.clear();
            tokenEncoding = null;
            released = release;
            release = new CountDownLatch(1);
        }
        released.countDown();
    }

    /** Ends every hang and delay for good: the sandbox is closing. */
    synchronized void releaseAll() {
        delays.clear();
        hung.clear();
        release.countDown();
    }

    /**
     * Waits out the delay or hang set for {@code endpoint}, then takes the canned answer to give instead of the
     * real one, or {@code null}.
     */
    Canned apply(SandboxEndpoint endpoint) throws InterruptedException {
        Duration delay;
        boolean hangs;
        CountDownLatch latch;
        synchronized (this) {
            delay = delays.get(endpoint);
            hangs = hung.contains(endpoint);
            latch = release;
        }
        if (hangs) {
            latch.await();
        } else if (delay != null) {
            latch.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        synchronized (this) {
            Deque<Canned> queue = canned.get(endpoint);
            Canned next = queue == null ? null : queue.peek();
            if (next != null && next.remaining != FOREVER && --next.remaining == 0) {
                queue.poll();
            }
            return next;
        }
    }

    /** The encoding forced by {@link #encodeTokens}, or {@code null} to answer as the request asks. */
    synchronized TokenEncoding tokenEncoding() {
        return tokenEncoding;
    }

    private synchronized SandboxFaults add(SandboxEndpoint endpoint, Canned answer) {
        canned.computeIfAbsent(Objects.requireNonNull(endpoint, "endpoint"), e -> new ArrayDeque<>()).add(answer);
        return this;
    }

    private static int checkedTimes(int times) {
        if (times != FOREVER && times < 1) {
            throw new IllegalArgumentException("times must be positive or FOREVER (-1), was " + times);
        }
        return times;
    }
}
