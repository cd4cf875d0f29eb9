package com.smsbat.chathub.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** What a sandbox knows: the seeded organizations and operators, those added since, and the company tokens issued. */
final class SandboxState {

    static final int ACTIVE = 0;
    static final int INACTIVE = 1;
    static final int DELETED = 2;

    static final class Organization {
        private final long id;
        private final String name;

        Organization(long id, String name) {
            this.id = id;
            this.name = name;
        }

        public long id() {
            return id;
        }

        public String name() {
            return name;
        }
    }

    static final class Operator {
        private final long id;
        private final String name;
        private final long organizationId;
        private final int status;

        Operator(long id, String name, long organizationId, int status) {
            this.id = id;
            this.name = name;
            this.organizationId = organizationId;
            this.status = status;
        }

        public long id() {
            return id;
        }

        public String name() {
            return name;
        }

        public long organizationId() {
            return organizationId;
        }

        public int status() {
            return status;
        }
    }

    static final List<Organization> SEED_ORGANIZATIONS = Collections.unmodifiableList(Arrays.asList(
            new Organization(24, "Customer Support"),
            new Organization(31, "Sales")));
    static final List<Operator> SEED_OPERATORS = Collections.unmodifiableList(Arrays.asList(
            new Operator(101, "John Smith", 24, ACTIVE),
            new Operator(102, "Maria Garcia", 24, ACTIVE),
            new Operator(103, "Wei Chen", 24, INACTIVE),
            new Operator(201, "Alex Brown", 31, ACTIVE),
            new Operator(202, "Olena Kovalenko", 31, ACTIVE)));
    /** Well clear of the seed, so added operators are easy to tell apart. */
    static final long FIRST_ADDED_OPERATOR_ID = 1001;

    private final Map<Long, Organization> organizations = new LinkedHashMap<>();
    private final Map<Long, Operator> operators = new LinkedHashMap<>();
    private final Set<String> issuedCompanyTokens = ConcurrentHashMap.newKeySet();
    private long nextOperatorId = FIRST_ADDED_OPERATOR_ID;

    SandboxState() {
        SEED_ORGANIZATIONS.forEach(organization -> organizations.put(organization.id(), organization));
        SEED_OPERATORS.forEach(operator -> operators.put(operator.id(), operator));
    }

    synchronized List<Organization> organizations() {
        return Collections.unmodifiableList(new ArrayList<>(organizations.values()));
    }

    synchronized Optional<Organization> organization(long id) {
        return Optional.ofNullable(organizations.get(id));
    }

    synchronized Optional<Operator> operator(long id) {
        return Optional.ofNullable(operators.get(id));
    }

    synchronized List<Operator> operatorsOf(long organizationId) {
        return operators.values().stream().filter(operator -> operator.organizationId() == organizationId).collect(Collectors.toList());
    }

    /**
     * Adds every requested operator to its organization as a new, active operator with a new id, even when one of the
     * same name is there already: ChatHub's reference says two operators may share a name. Every organization must
     * exist.
     */
    synchronized List<Operator> synchronize(List<Operator> requested) {
        List<Operator> result = new ArrayList<>(requested.size());
        for (Operator wanted : requested) {
            Operator operator = new Operator(nextOperatorId++, wanted.name(), wanted.organizationId(), ACTIVE);
            operators.put(operator.id(), operator);
            result.add(operator);
        }
        return result;
    }

    synchronized Optional<Operator> setStatus(long operatorId, int status) {
        return Optional.ofNullable(operators.computeIfPresent(operatorId,
                (id, operator) -> new Operator(id, operator.name(), operator.organizationId(), status)));
    }

    static String statusName(int status) {
        switch (status) {
            case ACTIVE:
                return "active";
            case INACTIVE:
                return "inactive";
            case DELETED:
                return "deleted";
            default:
                return "status " + status;
        }
    }

    /** Accepts {@code token} as a company token from now on, until {@link #revokeCompanyTokens()}. */
    String admitCompanyToken(String token) {
        issuedCompanyTokens.add(token);
        return token;
    }

    boolean acceptsCompanyToken(String token) {
        return token != null && (ChatHubSandbox.COMPANY_TOKEN.equals(token) || issuedCompanyTokens.contains(token));
    }

    /** Forgets the issued company tokens, as ChatHub may at any time; the fixed documented one stays valid. */
    void revokeCompanyTokens() {
        issuedCompanyTokens.clear();
    }
}
