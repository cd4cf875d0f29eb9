package com.smsbat.chathub.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loads of one value from ChatHub: at most one runs at a time, in the background, however many callers ask;
 * each caller waits for it at most its own budget; and a failed load is remembered for {@link #FAILURE_MEMORY},
 * so that a ChatHub that is down is not asked again on every page view. What is kept, and when it is stale, is
 * the owner's business: it hears of each outcome through {@link Outcome}.
 *
 * <p>The owner guards its own state with this object's lock: it is held while the outcome is recorded, and the
 * waiters wake only afterwards, so they see the owner updated.
 */
public final class SingleFlight<T> {

    /** How long a failed load is remembered: the token cache's and the directory's. */
    public static final Duration FAILURE_MEMORY = Duration.ofSeconds(10);

    /** Hears how each load ended, holding the {@link SingleFlight}'s lock. */
    public interface Outcome<T> {

        void loaded(T value);

        /** The failure itself is remembered by the {@link SingleFlight}; an owner that keeps more hears of it here. */
        default void failed(Throwable failure) {
        }
    }

    private final Executor executor;
    private final Clock clock;
    private final Outcome<T> outcome;

    // Guarded by this.
    private CompletableFuture<T> inFlight;
    private Instant failedUntil = Instant.MIN;

    /** @param executor must not run a load on the thread that starts it, or that caller waits for all of it */
    public SingleFlight(Executor executor, Clock clock, Outcome<T> outcome) {
        this.executor = executor;
        this.clock = clock;
        this.outcome = outcome;
    }

    /** The load running now, or null. */
    public synchronized CompletableFuture<T> running() {
        return inFlight;
    }

    /** Whether the last load failed less than {@link #FAILURE_MEMORY} before {@code now}. */
    public synchronized boolean failureRemembered(Instant now) {
        return now.isBefore(failedUntil);
    }

    /**
     * The load running now, else one of {@code load} started now. A load that throws or returns null fails; its
     * future then completes with null.
     */
    public CompletableFuture<T> start(Callable<T> load) {
        CompletableFuture<T> started;
        synchronized (this) {
            if (inFlight != null) {
                return inFlight;
            }
            started = inFlight = new CompletableFuture<>();
        }
        try {
            executor.execute(() -> run(load, started));
        } catch (RejectedExecutionException e) {
            settle(started, null, e);
        }
        return started;
    }

    /** What {@code load} yields within {@code budget}: empty if it failed or is still running then. */
    public static <T> Optional<T> await(CompletableFuture<T> load, Duration budget) {
        try {
            return Optional.ofNullable(load.get(budget.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void run(Callable<T> load, CompletableFuture<T> started) {
        T value;
        try {
            value = load.call();
        } catch (Throwable t) {
            settle(started, null, t);
            if (t instanceof Error) {
                throw (Error) t;
            }
            return;
        }
        settle(started, value, value == null ? new IllegalStateException("the load returned nothing") : null);
    }

    private void settle(CompletableFuture<T> load, T value, Throwable failure) {
        synchronized (this) {
            inFlight = null;
            if (failure == null) {
                failedUntil = Instant.MIN;
                outcome.loaded(value);
            } else {
                failedUntil = clock.instant().plus(FAILURE_MEMORY);
                outcome.failed(failure);
            }
        }
        load.complete(failure == null ? value : null);
    }
}
