package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.internal.cache.SingleFlight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A value loaded from ChatHub in the background and kept for {@code maxAge}: callers get the last good
 * value at once (a stale one triggers one reload), and wait at most their budget when there is none yet. Its
 * loads are a {@link SingleFlight}, which remembers a failed one so that a dead upstream is not asked on every
 * page view.
 */
final class Refreshing<T> implements SingleFlight.Outcome<T> {

    private final Supplier<T> loader;
    private final Clock clock;
    private final Duration maxAge;
    /** Its lock guards the fields below. */
    private final SingleFlight<T> loads;

    private T value;
    private Instant loadedAt;

    Refreshing(Supplier<T> loader, Executor executor, Clock clock, Duration maxAge) {
        this.loader = loader;
        this.clock = clock;
        this.maxAge = maxAge;
        this.loads = new SingleFlight<>(executor, clock, this);
    }

    Optional<T> get(Duration budget) {
        CompletableFuture<T> waitFor;
        synchronized (loads) {
            Instant now = clock.instant();
            boolean fresh = value != null && now.isBefore(loadedAt.plus(maxAge));
            waitFor = fresh || loads.failureRemembered(now) ? loads.running() : loads.start(loader::get);
            if (value != null) {
                return Optional.of(value);
            }
            if (waitFor == null) {
                return Optional.empty();
            }
        }
        return SingleFlight.await(waitFor, budget);
    }

    @Override
    public void loaded(T loaded) {
        value = loaded;
        loadedAt = clock.instant();
    }
}
