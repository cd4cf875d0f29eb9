package com.smsbat.chathub.sandbox;

import com.smsbat.chathub.sandbox.ChatHubSandbox.TokenEncoding;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Misbehaviour to inject into one {@link ChatHubSandbox}, for tests and benchmarks only (never in the library
 * jar): latency, error statuses, raw bodies, hangs, and token bodies in the other encodings ChatHub's docs mention
 * ({@link #encodeTokens}). Installed through the sandbox's package-private hook, never over HTTP or from
 * configuration, so a sandbox started by a deployed application cannot be made to misbehave
 * and always answers as ChatHub's reference pages show. Thread-safe.
 *
 * <p>Canned answers ({@link #fail}, {@link #respond}) are given in the order they were added; {@code times}
 * of {@link #FOREVER} keeps an answer until {@link #clear()}. Delays and hangs come before the answer.
 */
public final class SandboxFaults implements Misbehaviour {

    /** For {@code times}: keep answering this way until {@link #clear()}. */
    public static final int FOREVER = -1;

    /** An answer given instead of the real one, {@code remaining} more times ({@link #FOREVER} for ever). */
    private static final class Queued {
        final Canned answer;
        private int remaining;

        private Queued(Canned answer, int remaining) {
            this.answer = answer;
            this.remaining = remaining;
        }
    }

    private final Map<SandboxEndpoint, Duration> delays = new EnumMap<>(SandboxEndpoint.class);
    private final Set<SandboxEndpoint> hung = EnumSet.noneOf(SandboxEndpoint.class);
    private final Map<SandboxEndpoint, Deque<Queued>> canned = new EnumMap<>(SandboxEndpoint.class);
    /** {@code null}: as the request's {@code Accept} asks, {@link TokenEncoding#JSON_STRING} or {@link TokenEncoding#TEXT_PLAIN}. */
    private TokenEncoding tokenEncoding;
    /** Counted down by {@link #clear()} and on close, ending every delay and hang in progress. */
    private CountDownLatch release = new CountDownLatch(1);

    private SandboxFaults() {
    }

    /** The fault injector of {@code sandbox}, installed the first time it is asked for; none until then. */
    public static SandboxFaults of(ChatHubSandbox sandbox) {
        synchronized (sandbox) {
            if (sandbox.misbehaviour() instanceof SandboxFaults faults) {
                return faults;
            }
            SandboxFaults faults = new SandboxFaults();
            sandbox.misbehave(faults);
            return faults;
        }
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
                "{\"error\":\"sandbox fault: status " + status + "\"}"), checkedTimes(times));
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
        return add(endpoint, new Canned(status, ChatHubSandbox.TEXT, rawBody), checkedTimes(times));
    }

    /**
     * Answers both get-token endpoints with real tokens in {@code encoding}, whatever the request's {@code Accept},
     * until {@link #clear()}: for checking that a client copes with every encoding ChatHub's docs mention.
     */
    synchronized SandboxFaults encodeTokens(TokenEncoding encoding) {
        this.tokenEncoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /** {@link #encodeTokens(TokenEncoding)} for tests outside this package, which cannot name the encodings. */
    public SandboxFaults encodeTokens(String encoding) {
        return encodeTokens(TokenEncoding.valueOf(encoding));
    }

    /** The names of every encoding {@link #encodeTokens(String)} takes. */
    public static List<String> tokenEncodings() {
        return Arrays.stream(TokenEncoding.values()).map(Enum::name).collect(Collectors.toList());
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

    @Override
    public synchronized void releaseAll() {
        delays.clear();
        hung.clear();
        release.countDown();
    }

    @Override
    public Canned apply(SandboxEndpoint endpoint) throws InterruptedException {
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
            Deque<Queued> queue = canned.get(endpoint);
            Queued next = queue == null ? null : queue.peek();
            if (next != null && next.remaining != FOREVER && --next.remaining == 0) {
                queue.poll();
            }
            return next == null ? null : next.answer;
        }
    }

    @Override
    public synchronized TokenEncoding tokenEncoding() {
        return tokenEncoding;
    }

    private synchronized SandboxFaults add(SandboxEndpoint endpoint, Canned answer, int times) {
        canned.computeIfAbsent(Objects.requireNonNull(endpoint, "endpoint"), e -> new ArrayDeque<>())
                .add(new Queued(answer, times));
        return this;
    }

    private static int checkedTimes(int times) {
        if (times != FOREVER && times < 1) {
            throw new IllegalArgumentException("times must be positive or FOREVER (-1), was " + times);
        }
        return times;
    }
}
