package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.client.ChatHubException;
import com.smsbat.chathub.client.OperatorToken;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for ChatHub: mints JWT-shaped placeholder tokens ("h.tN.s") that expire when asked, records every
 * call, and can be told to fail or to answer differently.
 */
final class FakeTokenSource implements OperatorTokenSource {

    /** One call to {@link #fetch}: what was asked, when on the cache's clock, and on which thread. */
    record Call(OperatorAssignment key, Instant requestedExpiry, Instant at, Thread thread) {
    }

    @FunctionalInterface
    interface Answer {
        OperatorToken answer(OperatorAssignment key, Instant requestedExpiry) throws InterruptedException;
    }

    private final Clock clock;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger minted = new AtomicInteger();
    private volatile Answer answer;

    FakeTokenSource(Clock clock) {
        this.clock = clock;
        succeed();
    }

    @Override
    public OperatorToken fetch(OperatorAssignment key, Instant requestedExpiry) {
        calls.add(new Call(key, requestedExpiry, clock.instant(), Thread.currentThread()));
        try {
            return answer.answer(key, requestedExpiry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatHubException("interrupted", e);
        }
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    void succeed() {
        answer((key, requestedExpiry) -> token(requestedExpiry));
    }

    void fail() {
        answer((key, requestedExpiry) -> {
            throw new ChatHubException("ChatHub answered 503");
        });
    }

    OperatorToken token(Instant expiresAt) {
        return new OperatorToken("h.t" + minted.incrementAndGet() + ".s", expiresAt);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    long callsFor(OperatorAssignment key) {
        return calls.stream().filter(call -> call.key().equals(key)).count();
    }

    /** Waits for {@code latch} inside an answer; gives up (as a failed fetch) rather than hang a broken test. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new ChatHubException("test latch was not released");
        }
    }
}
