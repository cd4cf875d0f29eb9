package com.smsbat.chathub.internal.resolution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A value loaded from ChatHub in the background and kept for {@code maxAge}: callers get the last good
 * value at once (a stale one triggers one reload), and wait at most their budget when there is none yet.
 * A failed load is remembered for {@code failureMemory} so a dead upstream is not asked on every page view.
 */
final class Refreshing<T> {

    private final Supplier<T> loader;
    private final Executor executor;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration failureMemory;

    private T value;
    private Instant loadedAt;
    private Instant failedAt;
    private CompletableFuture<T> inFlight;

    Refreshing(Supplier<T> loader, Executor executor, Clock clock, Duration maxAge, Duration failureMemory) {
        this.loader = loader;
        this.executor = executor;
        this.clock = clock;
        this.maxAge = maxAge;
        this.failureMemory = failureMemory;
    }

    Optional<T> get(Duration budget) {
        CompletableFuture<T> waitFor;
        synchronized (this) {
            Instant now = clock.instant();
            boolean fresh = value != null && now.isBefore(loadedAt.plus(maxAge));
            boolean failedRecently = failedAt != null && now.isBefore(failedAt.plus(failureMemory));
            if (!fresh && !failedRecently && inFlight == null) {
                inFlight = CompletableFuture.supplyAsync(loader, executor);
                inFlight.whenComplete(this::loaded);
            }
            if (value != null) {
                return Optional.of(value);
            }
            if (failedRecently || inFlight == null) {
                return Optional.empty();
            }
            waitFor = inFlight;
        }
        try {
            return Optional.ofNullable(waitFor.get(budget.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private synchronized void loaded(T loaded, Throwable failure) {
        inFlight = null;
        if (failure == null && loaded != null) {
            value = loaded;
            loadedAt = clock.instant();
            failedAt = null;
        } else {
            failedAt = clock.instant();
        }
    }
}
