package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.ChatHubException;
import com.smsbat.chathub.client.ChatHubResponseException;
import com.smsbat.chathub.client.NewOperator;
import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.client.Organization;
import com.smsbat.chathub.internal.config.ChatHubConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * ChatHub's organization and operator lists, cached for {@code chathub.operator.directory-refresh}: used to
 * turn organization names into ids and, for the {@code directory} resolver, user names into operators; and the
 * operators it created for users ({@code chathub.operator.provision}).
 */
public final class ChatHubDirectory {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);
    /** As the token cache's: a failed call is not repeated for every page view during this time. */
    private static final Duration FAILURE_MEMORY = Duration.ofSeconds(10);
    /** A created operator's id stays known for good; the operator lists catch up on their next refresh. */
    private static final Duration CREATED_FOR_GOOD = Duration.ofDays(365_000);

    private final ChatHubClient client;
    private final Executor executor;
    private final Clock clock;
    private final Duration maxAge;
    private final Refreshing<List<Organization>> organizations;
    private final Map<Long, Refreshing<List<Operator>>> operators = new ConcurrentHashMap<>();
    private final Map<String, Refreshing<Long>> created = new ConcurrentHashMap<>();

    public ChatHubDirectory(ChatHubClient client, Executor executor, Clock clock, Duration maxAge) {
        this.client = client;
        this.executor = executor;
        this.clock = clock;
        this.maxAge = maxAge;
        this.organizations = new Refreshing<>(client::organizations, executor, clock, maxAge, FAILURE_MEMORY);
    }

    /** The organization id {@code text} spells out, if it is one (digits only). */
    static OptionalLong parseId(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }

    Optional<List<Organization>> organizations(Duration budget) {
        return organizations.get(budget);
    }

    Optional<List<Operator>> operators(long organizationId, Duration budget) {
        return operators.computeIfAbsent(organizationId, id ->
                        new Refreshing<>(() -> client.operators(id), executor, clock, maxAge, FAILURE_MEMORY))
                .get(budget);
    }

    /** Display names are matched ignoring case and surrounding blanks. */
    static String matchable(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The id of the operator named {@code name} in {@code organizationId}, created with ChatHub's
     * {@code synchronize} if it does not exist yet: once, however many requests ask at the same time (they
     * wait at most {@code budget}); a failure is remembered for a while, like a failed token fetch.
     */
    Optional<Long> createdOperator(long organizationId, String name, String user, Duration budget) {
        return created.computeIfAbsent(organizationId + ":" + matchable(name), key -> new Refreshing<>(
                        () -> create(organizationId, name.trim(), user), executor, clock, CREATED_FOR_GOOD, FAILURE_MEMORY))
                .get(budget);
    }

    private Long create(long organizationId, String name, String user) {
        try {
            // Asked afresh, not from the cached list: another server or an administrator may have been quicker.
            List<Operator> existing = client.operators(organizationId).stream()
                    .filter(op -> op.name() != null && matchable(op.name()).equals(matchable(name)))
                    .collect(Collectors.toList());
            if (!existing.isEmpty()) {
                if (existing.size() == 1 && existing.get(0).isActive()) {
                    return existing.get(0).id();
                }
                throw new ChatHubException("organization " + organizationId + " already has " + existing.size()
                        + " operator(s) named \"" + name + "\", none usable alone; not creating another");
            }
            Operator operator = client.synchronize(Collections.singletonList(new NewOperator(organizationId, name))).stream()
                    .filter(op -> op.name() != null && matchable(op.name()).equals(matchable(name)))
                    .findFirst()
                    .orElseThrow(() -> new ChatHubResponseException(
                            "ChatHub's synchronize answer does not contain the operator \"" + name + "\""));
            LOG.info("ChatHub operator " + operator.id() + " \"" + name + "\" created in organization "
                    + organizationId + " for user \"" + user + "\" (chathub.operator.provision=true)");
            return operator.id();
        } catch (ChatHubException e) {
            LOG.warning("Could not create a ChatHub operator \"" + name + "\" in organization " + organizationId
                    + " for user \"" + user + "\" (" + e.getMessage() + "); next attempt after " + FAILURE_MEMORY);
            throw e;
        }
    }

    /** {@code "24"} is organization 24; anything else is looked up by name, ignoring case. */
    public OptionalLong organizationId(String selector, Duration budget) {
        String value = selector.trim();
        OptionalLong id = parseId(value);
        if (id.isPresent()) {
            return id;
        }
        String wanted = value.toLowerCase(Locale.ROOT);
        return organizations(budget).flatMap(list -> list.stream()
                        .filter(org -> org.name() != null && org.name().toLowerCase(Locale.ROOT).equals(wanted))
                        .findFirst())
                .map(org -> OptionalLong.of(org.id()))
                .orElse(OptionalLong.empty());
    }
}
