package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.ChatHubException;
import com.smsbat.chathub.client.ChatHubResponseException;
import com.smsbat.chathub.client.NewOperator;
import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.client.Organization;
import com.smsbat.chathub.internal.cache.SingleFlight;
import com.smsbat.chathub.internal.config.Assignments;
import com.smsbat.chathub.internal.config.ChatHubConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * ChatHub's organization and operator lists, cached for {@code chathub.operator.directory-refresh}: used to
 * turn organization names into ids and, for the {@code directory} resolver, user names into operators; and the
 * operators it created for users ({@code chathub.operator.provision}): at most one per user and
 * {@code chathub.operator.provision.max-per-minute} a minute, the last {@value #MAX_CREATIONS_REMEMBERED} remembered.
 */
public final class ChatHubDirectory {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);
    /** A created operator's id stays known for good; the operator lists catch up on their next refresh. */
    private static final Duration CREATED_FOR_GOOD = Duration.ofDays(365_000);
    /**
     * How many operator creations (and which user each was for) are remembered: beyond it the oldest is forgotten,
     * so names users choose cannot fill the memory. A forgotten operator is found in ChatHub's list again.
     */
    static final int MAX_CREATIONS_REMEMBERED = 10_000;
    private static final Duration CREATION_WINDOW = Duration.ofMinutes(1);

    private final ChatHubClient client;
    private final Executor executor;
    private final Clock clock;
    private final Duration maxAge;
    private final Refreshing<List<Organization>> organizations;
    private final Map<Long, Refreshing<List<Operator>>> operators = new ConcurrentHashMap<>();
    /** Operators created (or being created), by organization and name; evicting one costs a fresh look-up only. */
    private final Map<String, Refreshing<Long>> created = Bounded.map(MAX_CREATIONS_REMEMBERED);
    /** Which of {@link #created} each user had made: a user renamed since gets no second operator. */
    private final Map<String, String> createdFor = Bounded.map(MAX_CREATIONS_REMEMBERED);
    private final Deque<Instant> recentCreations = new ArrayDeque<>();
    private final int maxPerMinute;
    private boolean creationLimitTold;

    public ChatHubDirectory(ChatHubClient client, Executor executor, Clock clock, Duration maxAge, int maxPerMinute) {
        this.client = client;
        this.executor = executor;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxPerMinute = maxPerMinute;
        this.organizations = new Refreshing<>(client::organizations, executor, clock, maxAge);
    }

    Optional<List<Organization>> organizations(Duration budget) {
        return organizations.get(budget);
    }

    Optional<List<Operator>> operators(long organizationId, Duration budget) {
        return operators.computeIfAbsent(organizationId, id ->
                        new Refreshing<>(() -> client.operators(id), executor, clock, maxAge))
                .get(budget);
    }

    /** Why {@link #createdOperator} made no operator, or the id of the one it made (or is making). */
    static final class Creation {
        final Optional<Long> id;
        final String refusal;

        private Creation(Optional<Long> id, String refusal) {
            this.id = id;
            this.refusal = refusal;
        }
    }

    /**
     * The id of the operator named {@code name} in {@code organizationId}, created with ChatHub's
     * {@code synchronize} if it does not exist yet: once, however many requests ask at the same time (they
     * wait at most {@code budget}); a failure is remembered for a while, like a failed token fetch. Each
     * application user gets at most one operator created, and at most {@code chathub.operator.provision.max-per-minute}
     * creations start in any minute.
     */
    Creation createdOperator(long organizationId, String name, String user, Duration budget) {
        String key = organizationId + ":" + OperatorNames.key(name);
        Refreshing<Long> creation;
        synchronized (created) {
            String earlier = createdFor.get(user);
            if (earlier != null && !earlier.equals(key)) {
                return new Creation(Optional.<Long>empty(), "an operator was already created for this user under"
                        + " another name; one operator per user (chathub.operator.provision)");
            }
            creation = created.get(key);
            if (creation == null) {
                if (!mayCreateNow()) {
                    return new Creation(Optional.<Long>empty(), "no operator is created: " + maxPerMinute
                            + " were created in the last minute (chathub.operator.provision.max-per-minute)");
                }
                creation = new Refreshing<>(() -> create(organizationId, name.trim(), user), executor, clock,
                        CREATED_FOR_GOOD);
                created.put(key, creation);
            }
            createdFor.put(user, key);
        }
        Optional<Long> id = creation.get(budget);
        return new Creation(id, id.isPresent() ? "" : "creating operator \"" + name + "\" in organization "
                + organizationId + " failed or is still running");
    }

    /** Counts a creation against this minute's allowance, if there is any left. Called holding {@code created}. */
    private boolean mayCreateNow() {
        Instant now = clock.instant();
        while (!recentCreations.isEmpty() && !recentCreations.peekFirst().isAfter(now.minus(CREATION_WINDOW))) {
            recentCreations.pollFirst();
        }
        if (recentCreations.size() >= maxPerMinute) {
            if (!creationLimitTold) {
                creationLimitTold = true;
                LOG.warning("ChatHub operator creation paused: " + maxPerMinute + " operators were created in the last"
                        + " minute (chathub.operator.provision.max-per-minute); users who need one get the fallback"
                        + " until the minute has passed");
            }
            return false;
        }
        creationLimitTold = false;
        recentCreations.addLast(now);
        return true;
    }

    private Long create(long organizationId, String name, String user) {
        try {
            // Asked afresh, not from the cached list: another server or an administrator may have been quicker.
            List<Operator> existing = OperatorNames.named(client.operators(organizationId), Operator::name, name);
            if (!existing.isEmpty()) {
                if (existing.size() == 1 && existing.get(0).isActive()) {
                    return existing.get(0).id();
                }
                throw new ChatHubException("organization " + organizationId + " already has " + existing.size()
                        + " operator(s) named \"" + LogText.escape(name) + "\", none usable alone; not creating another");
            }
            Operator operator = OperatorNames.named(client.synchronize(Collections.singletonList(
                            new NewOperator(organizationId, name))), Operator::name, name).stream()
                    .findFirst()
                    .orElseThrow(() -> new ChatHubResponseException(
                            "ChatHub's synchronize answer does not contain the operator \"" + LogText.escape(name) + "\""));
            LOG.info("ChatHub operator " + operator.id() + " \"" + LogText.escape(name) + "\" created in organization "
                    + organizationId + " for user \"" + LogText.escape(user) + "\" (chathub.operator.provision=true)");
            return operator.id();
        } catch (ChatHubException e) {
            LOG.warning("Could not create a ChatHub operator \"" + LogText.escape(name) + "\" in organization "
                    + organizationId + " for user \"" + LogText.escape(user) + "\" (" + e.getMessage()
                    + "); next attempt after " + SingleFlight.FAILURE_MEMORY);
            throw e;
        }
    }

    /** {@code "24"} is organization 24; anything else is looked up by name ({@link OperatorNames}). */
    public OptionalLong organizationId(String selector, Duration budget) {
        String value = selector.trim();
        OptionalLong id = Assignments.organizationId(value);
        if (id.isPresent()) {
            return id;
        }
        return organizations(budget).flatMap(list -> OperatorNames.named(list, Organization::name, value).stream()
                        .findFirst())
                .map(org -> OptionalLong.of(org.id()))
                .orElse(OptionalLong.empty());
    }
}
