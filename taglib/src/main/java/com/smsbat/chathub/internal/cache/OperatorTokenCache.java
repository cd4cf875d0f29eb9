package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.ChatHubException;
import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.internal.config.CacheSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one valid ChatHub operator token per {@link OperatorKey}, shared by all threads.
 *
 * <ul>
 *   <li>A token is handed out only while it is at least {@code safetyMargin} away from its expiry.</li>
 *   <li>A cold key is fetched once however many callers ask at the same time; each caller waits at most
 *       {@code waitBudget} and then gets {@link Optional#empty()}, while the fetch goes on and serves later
 *       callers. Different keys fetch in parallel; no lock is held while a fetch runs.</li>
 *   <li>From a jittered refresh point {@code refreshAhead} before expiry, one {@code get} starts a background
 *       refresh and every caller keeps getting the current token meanwhile.</li>
 *   <li>A failed refresh keeps the current token in service and is retried, by a later {@code get}, after a
 *       capped exponential backoff. A failed fetch with nothing usable cached makes callers get empty at once
 *       for {@code failureMemory}, so a dead ChatHub is not hammered by every page view.</li>
 *   <li>At most {@code maxEntries} operators are kept (least recently read evicted); operators not read for
 *       {@code idleExpiry} are dropped by sweeps that piggyback on {@code get}.</li>
 * </ul>
 *
 * <p>Hand-rolled rather than Caffeine: Caffeine's {@code refreshAfterWrite} is one duration for the whole
 * cache and fires only on access, whereas each token here has its own refresh point derived from its own
 * expiry, and callers need single flight with a bounded wait, remembered failures and a per-entry capped
 * backoff while the old token stays in service. Expressing that on top of Caffeine would leave little of it.
 *
 * <p>All time decisions use the configured {@link Clock}; only the wait budget is real elapsed time.
 */
public final class OperatorTokenCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OperatorTokenCache.class.getName());

    /** Share of {@code refreshAhead} (and of each backoff) by which jitter brings a refresh attempt forward. */
    private static final double JITTER_SHARE = 0.1;
    /** How often {@code get} sweeps idle entries at most; finer than that buys nothing but work. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Enough fetch threads for a cold start of many operators without flooding ChatHub. */
    private static final int DEFAULT_FETCH_THREADS = 16;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final OperatorTokenSource source;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration refreshAhead;
    private final Duration safetyMargin;
    private final Duration waitBudget;
    private final Duration failureMemory;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxEntries;
    private final Duration idleExpiry;
    private final Duration sweepInterval;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final DoubleSupplier jitter;

    private final ConcurrentHashMap<OperatorKey, Entry> entries = new ConcurrentHashMap<>();
    private final Object housekeepingLock = new Object();
    private volatile Instant nextSweep;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder upstreamCalls = new LongAdder();

    private OperatorTokenCache(Builder builder) {
        source = builder.source;
        clock = builder.clock;
        lifetime = builder.lifetime;
        refreshAhead = builder.refreshAhead;
        safetyMargin = builder.safetyMargin;
        waitBudget = builder.waitBudget;
        failureMemory = builder.failureMemory;
        initialBackoff = builder.initialBackoff;
        maxBackoff = builder.maxBackoff;
        maxEntries = builder.maxEntries;
        idleExpiry = builder.idleExpiry;
        sweepInterval = idleExpiry.compareTo(SWEEP_INTERVAL) < 0 ? idleExpiry : SWEEP_INTERVAL;
        ownsExecutor = builder.executor == null;
        executor = ownsExecutor ? fetchThreads() : builder.executor;
        jitter = builder.jitter;
        nextSweep = clock.instant().plus(sweepInterval);
    }

    /** Starts configuring a cache that gets its tokens from {@code source}. */
    public static Builder builder(OperatorTokenSource source) {
        return new Builder(source);
    }

    /**
     * A usable token for {@code key}, or empty when none could be had within the wait budget (the page then
     * shows its fallback). Never throws for upstream trouble and never blocks longer than the wait budget.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Optional<OperatorToken> get(OperatorKey key) {
        return get(key, Duration.ZERO);
    }

    /**
     * Like {@link #get(OperatorKey)}, for a caller that needs the token to stay valid for at least
     * {@code minimumRemaining} — a browser renewing its panel, which would otherwise be handed back the token
     * it is replacing. When the current token is about to expire sooner, the caller waits (within the wait
     * budget) for its refresh, and gets the current token anyway if none arrives in time or a backoff after
     * failures says not yet.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Optional<OperatorToken> get(OperatorKey key, Duration minimumRemaining) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(minimumRemaining, "minimumRemaining");
        if (closed.get()) {
            throw new IllegalStateException("OperatorTokenCache is closed");
        }
        Instant now = clock.instant();
        Entry entry = entryFor(key, now);
        Snapshot current = entry.snapshot;
        if (current != null && current.usableAt(now)) {
            hits.increment();
            if (current.token().expiresAt().isBefore(now.plus(minimumRemaining))) {
                CompletableFuture<OperatorToken> refresh = entry.refreshToWaitFor(now);
                if (refresh != null) {
                    Optional<OperatorToken> refreshed = awaitWithinBudget(refresh);
                    return refreshed.isPresent() ? refreshed : Optional.of(current.token());
                }
            } else if (!now.isBefore(current.refreshAt())) {
                entry.refreshIfDue(now);
            }
            return Optional.of(current.token());
        }
        misses.increment();
        return awaitWithinBudget(entry.fetchToWaitFor(now));
    }

    /** Forgets everything about {@code key}: its token, failures and backoff. The next {@code get} fetches anew. */
    public void invalidate(OperatorKey key) {
        entries.remove(Objects.requireNonNull(key, "key"));
    }

    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), refreshes.sum(), failures.sum(), upstreamCalls.sum(),
                entries.size());
    }

    /**
     * Stops the fetch threads this cache started (waiting a few seconds for them) and drops all tokens.
     * An executor passed to {@link Builder#executor} is left running. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        entries.clear();
        if (ownsExecutor) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING,
                            "ChatHub token fetch threads still running " + CLOSE_WAIT + " after close()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Entry entryFor(OperatorKey key, Instant now) {
        Entry entry = entries.computeIfAbsent(key, absent -> new Entry(absent, now));
        entry.lastRead = now;
        if (housekeepingDue(now)) {
            housekeep(now, entry);
        }
        return entry;
    }

    private boolean housekeepingDue(Instant now) {
        return !now.isBefore(nextSweep) || entries.size() > maxEntries;
    }

    /** Drops idle entries, then the least recently read ones beyond {@code maxEntries}, never {@code keep}. */
    private void housekeep(Instant now, Entry keep) {
        synchronized (housekeepingLock) {
            if (!housekeepingDue(now)) {
                return;
            }
            nextSweep = now.plus(sweepInterval);
            Instant idleSince = now.minus(idleExpiry);
            entries.values().removeIf(entry -> entry != keep && !entry.lastRead.isAfter(idleSince));
            while (entries.size() > maxEntries) {
                Optional<Entry> victim = entries.values().stream()
                        .filter(entry -> entry != keep)
                        .min(Comparator.comparing(entry -> entry.lastRead));
                if (!victim.isPresent()) {
                    return;
                }
                entries.remove(victim.get().key, victim.get());
            }
        }
    }

    private Optional<OperatorToken> awaitWithinBudget(CompletableFuture<OperatorToken> fetch) {
        try {
            return Optional.ofNullable(fetch.get(waitBudget.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void launch(Entry entry, CompletableFuture<OperatorToken> fetch) {
        try {
            executor.execute(() -> entry.fetch(fetch));
        } catch (RejectedExecutionException e) {
            entry.failed(fetch, e);
        }
    }

    /**
     * When to start refreshing a token that expires at {@code expiresAt}: {@code refreshAhead} before expiry,
     * brought forward by jitter so tokens fetched together do not all refresh together, but never before half
     * of its remaining life. Without that floor a ChatHub handing out tokens shorter than {@code refreshAhead}
     * would be asked for a new one on every page view.
     */
    private Instant refreshPoint(Instant expiresAt, Instant now) {
        Instant planned = expiresAt.minus(refreshAhead).minus(jitterOf(refreshAhead));
        Instant halfLife = now.plus(Duration.between(now, expiresAt).dividedBy(2));
        return planned.isAfter(halfLife) ? planned : halfLife;
    }

    private Duration jitterOf(Duration span) {
        return Duration.ofMillis(Math.round(span.toMillis() * JITTER_SHARE * jitter.getAsDouble()));
    }

    private static ExecutorService fetchThreads() {
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "chathub-token-fetch-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_FETCH_THREADS, DEFAULT_FETCH_THREADS,
                1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String describe(OperatorKey key) {
        return "organization " + key.organizationId() + ", operator " + key.operatorId();
    }

    /** What {@code get} reads without locking: a token and when the next refresh attempt is due. */
    private static final class Snapshot {
        private final OperatorToken token;
        private final Instant usableUntil;
        private final Instant refreshAt;

        Snapshot(OperatorToken token, Instant usableUntil, Instant refreshAt) {
            this.token = token;
            this.usableUntil = usableUntil;
            this.refreshAt = refreshAt;
        }

        OperatorToken token() {
            return token;
        }

        Instant usableUntil() {
            return usableUntil;
        }

        Instant refreshAt() {
            return refreshAt;
        }

        boolean usableAt(Instant now) {
            return now.isBefore(usableUntil);
        }
    
    }

    /** One operator's token and fetch state. */
    private final class Entry {

        final OperatorKey key;
        volatile Instant lastRead;
        /** Null until the first successful fetch. */
        volatile Snapshot snapshot;

        // Guarded by this.
        private CompletableFuture<OperatorToken> inFlight;
        private Instant failedUntil = Instant.MIN;
        private Duration backoff = initialBackoff;
        private boolean failing;

        Entry(OperatorKey key, Instant now) {
            this.key = key;
            this.lastRead = now;
        }

        /** Starts one background refresh unless one is running or a backoff says not yet. */
        void refreshIfDue(Instant now) {
            refreshToWaitFor(now);
        }

        /**
         * The refresh running for this entry, one started now if it is due, or {@code null} while a backoff
         * after failures says not yet.
         */
        CompletableFuture<OperatorToken> refreshToWaitFor(Instant now) {
            CompletableFuture<OperatorToken> started;
            synchronized (this) {
                if (inFlight != null) {
                    return inFlight;
                }
                if (now.isBefore(snapshot.refreshAt())) {
                    return null;
                }
                started = inFlight = new CompletableFuture<>();
            }
            refreshes.increment();
            launch(this, started);
            return started;
        }

        /**
         * The fetch a caller with nothing usable should wait for: the running one, else a new one unless a
         * recent failure is still remembered (then an already empty result).
         */
        CompletableFuture<OperatorToken> fetchToWaitFor(Instant now) {
            CompletableFuture<OperatorToken> started;
            synchronized (this) {
                Snapshot current = snapshot;
                if (current != null && current.usableAt(now)) {
                    return CompletableFuture.completedFuture(current.token());
                }
                if (inFlight != null) {
                    return inFlight;
                }
                if (now.isBefore(failedUntil)) {
                    return CompletableFuture.completedFuture(null);
                }
                started = inFlight = new CompletableFuture<>();
            }
            launch(this, started);
            return started;
        }

        /** Runs on the executor. Waiters are woken only after the entry is updated, so they see the outcome. */
        void fetch(CompletableFuture<OperatorToken> fetch) {
            upstreamCalls.increment();
            Snapshot fetched;
            try {
                fetched = snapshotOf(source.fetch(key, clock.instant().plus(lifetime)));
            } catch (Throwable t) {
                failed(fetch, t);
                if (t instanceof Error) {
                    throw (Error) t;
                }
                return;
            }
            succeeded(fetch, fetched);
        }

        private Snapshot snapshotOf(OperatorToken token) {
            if (token == null) {
                throw new ChatHubException("token source returned no operator token for " + describe(key));
            }
            Instant now = clock.instant();
            Instant usableUntil = token.expiresAt().minus(safetyMargin);
            if (!now.isBefore(usableUntil)) {
                throw new ChatHubException("operator token for " + describe(key) + " expires at "
                        + token.expiresAt() + ", within the safety margin of " + safetyMargin);
            }
            return new Snapshot(token, usableUntil, refreshPoint(token.expiresAt(), now));
        }

        private void succeeded(CompletableFuture<OperatorToken> fetch, Snapshot fetched) {
            boolean recovered;
            synchronized (this) {
                inFlight = null;
                snapshot = fetched;
                backoff = initialBackoff;
                failedUntil = Instant.MIN;
                recovered = failing;
                failing = false;
            }
            fetch.complete(fetched.token());
            if (recovered) {
                LOG.log(Level.INFO, () -> "ChatHub operator token for " + describe(key)
                        + " fetched again after failures");
            }
        }

        void failed(CompletableFuture<OperatorToken> fetch, Throwable failure) {
            Instant now = clock.instant();
            failures.increment();
            boolean firstOfStreak;
            Instant retryAt;
            synchronized (this) {
                inFlight = null;
                failedUntil = now.plus(failureMemory);
                Snapshot current = snapshot;
                if (current != null && current.usableAt(now)) {
                    retryAt = now.plus(backoff).minus(jitterOf(backoff));
                    snapshot = new Snapshot(current.token(), current.usableUntil(), retryAt);
                    Duration doubled = backoff.multipliedBy(2);
                    backoff = doubled.compareTo(maxBackoff) < 0 ? doubled : maxBackoff;
                } else {
                    retryAt = null;
                }
                firstOfStreak = !failing;
                failing = true;
            }
            fetch.complete(null);
            logFailure(failure, firstOfStreak, retryAt, now);
        }

        /**
         * Warns once per streak of failures, quieter afterwards. Only our own exception type promises messages
         * free of secrets; anything else is a bug worth a stack trace but not a message of unknown content.
         */
        private void logFailure(Throwable failure, boolean firstOfStreak, Instant retryAt, Instant now) {
            Level level = firstOfStreak ? Level.WARNING : Level.FINE;
            String consequence = retryAt != null
                    ? "serving the current token, next attempt after " + retryAt
                    : "no token available, next attempt after " + now.plus(failureMemory);
            if (failure instanceof ChatHubException) {
                LOG.log(level, () -> "Could not fetch ChatHub operator token for " + describe(key) + " ("
                        + failure.getMessage() + "); " + consequence);
            } else {
                LOG.log(level, failure, () -> "Could not fetch ChatHub operator token for " + describe(key) + "; "
                        + consequence);
            }
        }
    }

    /** Configures an {@link OperatorTokenCache}; every setting has a production default. */
    public static final class Builder {

        private final OperatorTokenSource source;
        private Clock clock = Clock.systemUTC();
        private Duration lifetime;
        private Duration refreshAhead;
        private Duration safetyMargin;
        private Duration waitBudget;
        private Duration failureMemory = Duration.ofSeconds(10);
        private Duration initialBackoff = Duration.ofSeconds(5);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private int maxEntries;
        private Duration idleExpiry;
        private ExecutorService executor;
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(OperatorTokenSource source) {
            this.source = Objects.requireNonNull(source, "source");
            settings(CacheSettings.DEFAULTS);
        }

        /** Lifetime, refresh window, safety margin, wait budget and bounds as the settings say. Default: theirs. */
        public Builder settings(CacheSettings settings) {
            lifetime = settings.lifetime();
            refreshAhead = settings.refreshAhead();
            safetyMargin = settings.safetyMargin();
            waitBudget = settings.waitBudget();
            maxEntries = settings.maxOperators();
            idleExpiry = settings.idleExpiry();
            return this;
        }

        /** Where all expiry and refresh decisions take the time from. Default: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The lifetime asked of ChatHub for each token; at most 24 hours. Default: 23 h 50 min. */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** How long before expiry a background refresh starts; between safetyMargin and lifetime. Default: 1 h. */
        public Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
            return this;
        }

        /** A token this close to expiry is never handed out. Default: 1 min. */
        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = Objects.requireNonNull(safetyMargin, "safetyMargin");
            return this;
        }

        /** The longest {@code get} waits when nothing usable is cached. Default: 2 s. */
        public Builder waitBudget(Duration waitBudget) {
            this.waitBudget = Objects.requireNonNull(waitBudget, "waitBudget");
            return this;
        }

        /** After a failed fetch with nothing usable cached, {@code get} returns empty at once this long. Default: 10 s. */
        public Builder failureMemory(Duration failureMemory) {
            this.failureMemory = Objects.requireNonNull(failureMemory, "failureMemory");
            return this;
        }

        /**
         * Delay before retrying a failed refresh while the current token is still served: {@code initial},
         * doubling per failure up to {@code max}, each shortened by up to 10 % jitter. Default: 5 s to 5 min.
         */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "retryBackoff initial");
            this.maxBackoff = Objects.requireNonNull(max, "retryBackoff max");
            return this;
        }

        /** How many operators are kept; the least recently read is evicted beyond it. Default: 10 000. */
        public Builder maxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
            return this;
        }

        /** Operators not read for this long are dropped. Default: 24 h. */
        public Builder idleExpiry(Duration idleExpiry) {
            this.idleExpiry = Objects.requireNonNull(idleExpiry, "idleExpiry");
            return this;
        }

        /**
         * Where fetches run; it must not run tasks on the submitting thread, or callers wait for the whole fetch.
         * The cache never shuts it down. Default: the cache's own daemon threads, stopped by {@link #close()}.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Source of jitter in [0, 1); tests make it deterministic. */
        Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** @throws IllegalArgumentException naming the setting and its value when one is out of range */
        public OperatorTokenCache build() {
            require(isPositive(lifetime) && lifetime.compareTo(ChatHubClient.MAX_TOKEN_LIFETIME) <= 0,
                    "lifetime", lifetime, "positive and at most " + ChatHubClient.MAX_TOKEN_LIFETIME + " (ChatHub's limit)");
            require(!safetyMargin.isNegative(), "safetyMargin", safetyMargin, "zero or positive");
            require(refreshAhead.compareTo(safetyMargin) > 0 && refreshAhead.compareTo(lifetime) < 0,
                    "refreshAhead", refreshAhead,
                    "longer than safetyMargin (" + safetyMargin + ") and shorter than lifetime (" + lifetime + ")");
            require(!waitBudget.isNegative(), "waitBudget", waitBudget, "zero or positive");
            require(!failureMemory.isNegative(), "failureMemory", failureMemory, "zero or positive");
            require(isPositive(initialBackoff), "retryBackoff initial", initialBackoff, "positive");
            require(maxBackoff.compareTo(initialBackoff) >= 0, "retryBackoff max", maxBackoff,
                    "at least the initial backoff (" + initialBackoff + ")");
            require(maxEntries > 0, "maxEntries", maxEntries, "positive");
            require(isPositive(idleExpiry), "idleExpiry", idleExpiry, "positive");
            return new OperatorTokenCache(this);
        }

        private static boolean isPositive(Duration duration) {
            return duration.compareTo(Duration.ZERO) > 0;
        }

        private static void require(boolean valid, String setting, Object value, String expectation) {
            if (!valid) {
                throw new IllegalArgumentException(setting + " must be " + expectation + ", was " + value);
            }
        }
    }
}
