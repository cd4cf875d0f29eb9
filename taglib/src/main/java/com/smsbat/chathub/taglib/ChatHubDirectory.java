package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.client.Organization;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * ChatHub's organization and operator lists, cached for {@code chathub.operator.directory-refresh}: used to
 * turn organization names into ids and, for the {@code directory} resolver, user names into operators.
 */
final class ChatHubDirectory {

    private static final Duration FAILURE_MEMORY = Duration.ofSeconds(10);

    private final ChatHubClient client;
    private final Executor executor;
    private final Clock clock;
    private final Duration maxAge;
    private final Refreshing<List<Organization>> organizations;
    private final Map<Long, Refreshing<List<Operator>>> operators = new ConcurrentHashMap<>();

    ChatHubDirectory(ChatHubClient client, Executor executor, Clock clock, Duration maxAge) {
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

    /** {@code "24"} is organization 24; anything else is looked up by name, ignoring case. */
    OptionalLong organizationId(String selector, Duration budget) {
        String value = selector.strip();
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
