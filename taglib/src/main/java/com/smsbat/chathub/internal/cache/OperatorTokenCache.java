package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.resolver.OperatorAssignment;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one valid ChatHub operator token per {@link OperatorAssignment}, shared by all threads.
 *
 * <ul>
 *   <li>A token is handed out only while it is at least {@code safetyMargin} away from its expiry.</li>
 *   <li>A cold key is fetched once however many callers ask at the same time; each caller waits at most
 *       {@code waitBudget} and then gets {@link Optional#empty()}, while the fetch goes on and serves later
 *       callers. Different keys fetch in parallel; no lock is held while a fetch runs.</li>
 *   <li>From a jittered refresh point {@code refreshAhead} before expiry, one {@code get} starts a background
 *       refresh and every caller keeps getting the current token meanwhile.</li>
 *   <li>A failed refresh keeps the current token in service and is retried, by a later {@code get}, after a
 *       backoff of 5 s doubling per failure up to 5 min, each shortened by up to 10 % jitter. A failed fetch with nothing usable cached makes callers get empty at once
 *       for {@link SingleFlight#FAILURE_MEMORY}, so a dead ChatHub is not hammered by every page view.</li>
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
    /** A failed refresh, while the current token is still served, is retried after this, doubling per failure. */
    private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final OperatorTokenSource source;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration refreshAhead;
    private final Duration safetyMargin;
    private final Duration waitBudget;
    private final int maxEntries;
    private final Duration idleExpiry;
    private final Duration sweepInterval;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final DoubleSupplier jitter;

    private final ConcurrentHashMap<OperatorAssignment, Entry> entries = new ConcurrentHashMap<>();
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
    public Optional<OperatorToken> get(OperatorAssignment key) {
        return get(key, Duration.ZERO);
    }

    /**
     * Like {@link #get(OperatorAssignment)}, for a caller that needs the token to stay valid for at least
     * {@code minimumRemaining} — a browser renewing its panel, which would otherwise be handed back the token
     * it is replacing. When the current token is about to expire sooner, the caller waits (within the wait
     * budget) for its refresh, and gets the current token anyway if none arrives in time or a backoff after
     * failures says not yet.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Optional<OperatorToken> get(OperatorAssignment key, Duration minimumRemaining) {
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
                CompletableFuture<Snapshot> refresh = entry.refreshToWaitFor(now);
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

    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), refreshes.sum(), failures.sum(), upstreamCalls.sum(),
                entries.size());
    }

    /**
     * Stops the fetch threads this cache started (waiting a few seconds for them) and drops all tokens.
     * An executor passed to the builder is left running. Calling it again does nothing.
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

    private Entry entryFor(OperatorAssignment key, Instant now) {
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

    private Optional<OperatorToken> awaitWithinBudget(CompletableFuture<Snapshot> fetch) {
        return SingleFlight.await(fetch, waitBudget).map(Snapshot::token);
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
        ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_FETCH_THREADS, DEFAULT_FETCH_THREADS,
                1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), DaemonThreads.named("chathub-token-fetch"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String describe(OperatorAssignment key) {
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
    private final class Entry implements SingleFlight.Outcome<Snapshot> {

        final OperatorAssignment key;
        volatile Instant lastRead;
        /** Null until the first successful fetch. */
        volatile Snapshot snapshot;
        /** Its lock guards the fields below and every change of {@link #snapshot}. */
        private final SingleFlight<Snapshot> fetches;
        private Duration backoff = INITIAL_BACKOFF;
        private boolean failing;

        Entry(OperatorAssignment key, Instant now) {
            this.key = key;
            this.lastRead = now;
            this.fetches = new SingleFlight<>(executor, clock, this);
        }

        /** Starts one background refresh unless one is running or a backoff says not yet. */
        void refreshIfDue(Instant now) {
            refreshToWaitFor(now);
        }

        /**
         * The refresh running for this entry, one started now if it is due, or {@code null} while a backoff
         * after failures says not yet.
         */
        CompletableFuture<Snapshot> refreshToWaitFor(Instant now) {
            synchronized (fetches) {
                CompletableFuture<Snapshot> running = fetches.running();
                if (running != null) {
                    return running;
                }
                if (now.isBefore(snapshot.refreshAt())) {
                    return null;
                }
                refreshes.increment();
                return fetches.start(this::fetch);
            }
        }

        /**
         * The fetch a caller with nothing usable should wait for: the running one, else a new one unless a
         * recent failure is still remembered (then an already empty result).
         */
        CompletableFuture<Snapshot> fetchToWaitFor(Instant now) {
            synchronized (fetches) {
                Snapshot current = snapshot;
                if (current != null && current.usableAt(now)) {
                    return CompletableFuture.completedFuture(current);
                }
                CompletableFuture<Snapshot> running = fetches.running();
                if (running != null) {
                    return running;
                }
                if (fetches.failureRemembered(now)) {
                    return CompletableFuture.completedFuture(null);
                }
                return fetches.start(this::fetch);
            }
        }

        /** Runs on the executor. */
        private Snapshot fetch() {
            upstreamCalls.increment();
            OperatorToken token = source.fetch(key, clock.instant().plus(lifetime));
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

        @Override
        public void loaded(Snapshot fetched) {
            snapshot = fetched;
            backoff = INITIAL_BACKOFF;
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, () -> "ChatHub operator token for " + describe(key)
                        + " fetched again after failures");
            }
        }

        @Override
        public void failed(Throwable failure) {
            Instant now = clock.instant();
            failures.increment();
            Instant retryAt = null;
            Snapshot current = snapshot;
            if (current != null && current.usableAt(now)) {
                retryAt = now.plus(backoff).minus(jitterOf(backoff));
                snapshot = new Snapshot(current.token(), current.usableUntil(), retryAt);
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(MAX_BACKOFF) < 0 ? doubled : MAX_BACKOFF;
            }
            logFailure(failure, !failing, retryAt, now);
            failing = true;
        }

        /**
         * Warns once per streak of failures, quieter afterwards. Only our own exception type promises messages
         * free of secrets; anything else is a bug worth a stack trace but not a message of unknown content.
         */
        private void logFailure(Throwable failure, boolean firstOfStreak, Instant retryAt, Instant now) {
            Level level = firstOfStreak ? Level.WARNING : Level.FINE;
            String consequence = retryAt != null
                    ? "serving the current token, next attempt after " + retryAt
                    : "no token available, next attempt after " + now.plus(SingleFlight.FAILURE_MEMORY);
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

        // One setting at a time, for this package's tests (edge values the settings refuse); the library hands
        // the settings group whole.

        /** The lifetime asked of ChatHub for each token; at most 24 hours. Default: 23 h 50 min. */
        Builder lifetime(Duration lifetime) {
            this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** How long before expiry a background refresh starts; between safetyMargin and lifetime. Default: 1 h. */
        Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
            return this;
        }

        /** A token this close to expiry is never handed out. Default: 1 min. */
        Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = Objects.requireNonNull(safetyMargin, "safetyMargin");
            return this;
        }

        /** The longest {@code get} waits when nothing usable is cached. Default: 2 s. */
        Builder waitBudget(Duration waitBudget) {
            this.waitBudget = Objects.requireNonNull(waitBudget, "waitBudget");
            return this;
        }

        /** How many operators are kept; the least recently read is evicted beyond it. Default: 10 000. */
        Builder maxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
            return this;
        }

        /** Operators not read for this long are dropped. Default: 24 h. */
        Builder idleExpiry(Duration idleExpiry) {
            this.idleExpiry = Objects.requireNonNull(idleExpiry, "idleExpiry");
            return this;
        }

        /**
         * Where fetches run, for tests that run them one by one; it must not run tasks on the submitting thread,
         * or callers wait for the whole fetch. The cache never shuts it down. Default: the cache's own daemon
         * threads, stopped by {@link #close()}.
         */
        Builder executor(ExecutorService executor) {
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
