package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.client.Organization;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.config.Setting;
import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The built-in {@link OperatorResolver}s and the choice between them (setting {@code chathub.operator.resolver}). */
public final class Resolvers {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);

    private Resolvers() {
    }

    /** What a resolver found, and when it found nothing, why (an application's own resolver cannot say). */
    public static final class Resolution {
        private final List<OperatorAssignment> assignments;
        private final Outcome outcome;
        private final String detail;

        public Resolution(List<OperatorAssignment> assignments, Outcome outcome, String detail) {
            this.assignments = assignments;
            this.outcome = outcome;
            this.detail = detail;
        }

        public List<OperatorAssignment> assignments() {
            return assignments;
        }

        public Outcome outcome() {
            return outcome;
        }

        public String detail() {
            return detail;
        }

        public static Resolution of(List<OperatorAssignment> assignments) {
            return assignments.isEmpty()
                    ? new Resolution(assignments, Outcome.NOT_AN_OPERATOR, "the resolver has no operator for this user")
                    : new Resolution(assignments, Outcome.PANEL, "");
        }
    

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Resolution)) {
                return false;
            }
            Resolution that = (Resolution) other;
            return java.util.Objects.equals(assignments, that.assignments)
                    && java.util.Objects.equals(outcome, that.outcome)
                    && java.util.Objects.equals(detail, that.detail);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(assignments, outcome, detail);
        }

        @Override
        public String toString() {
            return "Resolution[assignments=" + assignments + ", outcome=" + outcome + ", detail=" + detail + "]";
        }
    }

    /** A built-in resolver, which says why it found no operator. */
    public interface Explaining extends OperatorResolver {

        Resolution explain(String user, HttpServletRequest request);

        @Override
        default List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
            return explain(user, request).assignments();
        }
    }

    public static OperatorResolver create(ChatHubConfig config, ServletContext context, ChatHubDirectory directory) {
        OptionalLong organization = ChatHubDirectory.parseId(config.organization());
        Long defaultOrganization = organization.isPresent() ? organization.getAsLong() : null;
        switch (config.operatorResolver()) {
            case "mapping":
                return mapping(config, context, defaultOrganization);
            case "session":
                return new SessionResolver(config.operatorSessionAttribute(), defaultOrganization);
            case "directory":
                return new DirectoryResolver(directory, config.operatorNameAttribute(), config.waitBudget(),
                        config.operatorProvision() ? config.organization() : null);
            default:
                return custom(config.operatorResolver());
        }
    }

    private static OperatorResolver mapping(ChatHubConfig config, ServletContext context, Long defaultOrganization) {
        String path = config.operatorMapping();
        Properties properties = new Properties();
        try (InputStream in = context.getResourceAsStream(path)) {
            if (in == null) {
                throw new ChatHubConfigException(Setting.OPERATOR_MAPPING, path, "no such resource in the web application");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_MAPPING, path, "cannot be read: " + e.getMessage());
        }
        Map<String, List<OperatorAssignment>> byUser = new LinkedHashMap<>();
        for (String user : properties.stringPropertyNames()) {
            try {
                byUser.put(user, parseAssignments(properties.getProperty(user), defaultOrganization));
            } catch (IllegalArgumentException e) {
                throw new ChatHubConfigException(Setting.OPERATOR_MAPPING, path,
                        "entry for user \"" + user + "\": " + e.getMessage());
            }
        }
        Explaining resolver = (user, request) -> {
            List<OperatorAssignment> assignments = byUser.getOrDefault(user, Collections.emptyList());
            return assignments.isEmpty()
                    ? new Resolution(assignments, Outcome.NOT_AN_OPERATOR, "no entry for this user in " + path)
                    : Resolution.of(assignments);
        };
        return resolver;
    }

    /** {@code "101"}, {@code "24:101"} or {@code "24:101, 31:201"}, at most one operator per organization. */
    static List<OperatorAssignment> parseAssignments(String text, Long defaultOrganization) {
        Map<Long, OperatorAssignment> byOrganization = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (!part.trim().isEmpty()) {
                OperatorAssignment assignment = OperatorAssignment.parse(part, defaultOrganization);
                if (byOrganization.putIfAbsent(assignment.organizationId(), assignment) != null) {
                    throw new IllegalArgumentException("two operators for organization " + assignment.organizationId());
                }
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(byOrganization.values()));
    }

    private static OperatorResolver custom(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(className, true, loader != null ? loader : Resolvers.class.getClassLoader());
            if (!OperatorResolver.class.isAssignableFrom(type)) {
                throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                        "the class does not implement " + OperatorResolver.class.getName());
            }
            return (OperatorResolver) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                    "must be mapping, session, directory or the name of a class on the application's classpath");
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                    "the class needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                    "the constructor failed: " + e.getCause());
        }
    }

    /** The operator is already in the session, put there by the application's own login. */
    private static final class SessionResolver implements OperatorResolver {
        private final String attribute;
        private final Long defaultOrganization;

        SessionResolver(String attribute, Long defaultOrganization) {
            this.attribute = attribute;
            this.defaultOrganization = defaultOrganization;
        }

        String attribute() {
            return attribute;
        }

        Long defaultOrganization() {
            return defaultOrganization;
        }

        @Override
        public List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            Object value = session == null ? null : session.getAttribute(attribute);
            if (value == null) {
                return Collections.emptyList();
            }
            if (value instanceof OperatorAssignment) {
                return Collections.singletonList((OperatorAssignment) value);
            }
            if (value instanceof Collection<?>) {
                List<OperatorAssignment> assignments = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    if (item instanceof OperatorAssignment) {
                        assignments.add((OperatorAssignment) item);
                    }
                }
                return assignments;
            }
            try {
                return parseAssignments(value.toString(), defaultOrganization);
            } catch (IllegalArgumentException e) {
                // A value the application put there that we cannot read: no panel, not a broken page.
                return Collections.emptyList();
            }
        }
    
    }

    /**
     * Finds the user among ChatHub's active operators by name ({@link OperatorNames}), in every organization. A name
     * two active operators of one organization share is refused there (a warning names them, once): either could be
     * somebody else. An operator found for one application user is never given to another while the application runs
     * (a warning names both, once). With {@code provisionIn} (an organization id or name), a user without an operator
     * of that name there gets one created.
     */
    private static final class DirectoryResolver implements Explaining {

        /** Warnings told once each; keyed by user names, so bounded. */
        private static final int MAX_TOLD = 1_000;

        private final ChatHubDirectory directory;
        private final String nameAttribute;
        private final Duration budget;
        private final String provisionIn;
        private final Set<String> warningsTold = Bounded.set(MAX_TOLD);
        /**
         * Operator ({@code "org:id"}) to the first application user it was given to. As many entries as operators
         * users were matched to, which ChatHub's lists (and onboarding's rate) bound, not what users type.
         */
        private final Map<String, String> holders = new ConcurrentHashMap<>();

        DirectoryResolver(ChatHubDirectory directory, String nameAttribute, Duration budget, String provisionIn) {
            this.directory = directory;
            this.nameAttribute = nameAttribute;
            this.budget = budget;
            this.provisionIn = provisionIn;
        }

        @Override
        public Resolution explain(String user, HttpServletRequest request) {
            String name = displayName(user, request);
            String wanted = OperatorNames.key(name);
            if (wanted == null) {
                return new Resolution(Collections.<OperatorAssignment>emptyList(), Outcome.NOT_AN_OPERATOR,
                        "the name \"" + name + "\" holds a character that only stands in for another (such as the"
                                + " KELVIN SIGN for K), so it matches no operator");
            }
            Optional<List<Organization>> organizations = directory.organizations(budget);
            if (!organizations.isPresent()) {
                return new Resolution(Collections.emptyList(), Outcome.CHATHUB_UNAVAILABLE, "ChatHub's organizations could not be loaded");
            }
            List<OperatorAssignment> found = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            List<String> taken = new ArrayList<>();
            List<String> inactive = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            for (Organization organization : organizations.get()) {
                Optional<List<Operator>> operators = directory.operators(organization.id(), budget);
                if (!operators.isPresent()) {
                    unavailable.add("operators of organization " + organization.id() + " could not be loaded");
                    continue;
                }
                List<Operator> named = operators.get().stream()
                        .filter(op -> wanted.equals(OperatorNames.key(op.name())))
                        .collect(Collectors.toList());
                List<Operator> active = named.stream().filter(Operator::isActive).collect(Collectors.toList());
                Long operatorId = null;
                if (active.size() == 1) {
                    operatorId = active.get(0).id();
                } else if (active.size() > 1) {
                    refused.add(refuse(user, name, organization.id(), active));
                } else if (!named.isEmpty()) {
                    inactive.add("operator " + ids(named) + " \"" + name + "\" in organization " + organization.id());
                } else if (provisions(organization)) {
                    ChatHubDirectory.Creation creation = directory.createdOperator(organization.id(), name, user, budget);
                    if (creation.id.isPresent()) {
                        operatorId = creation.id.get();
                    } else {
                        unavailable.add(creation.refusal);
                    }
                }
                if (operatorId != null) {
                    String holder = holder(organization.id(), operatorId, user);
                    if (holder == null) {
                        found.add(new OperatorAssignment(organization.id(), operatorId));
                    } else {
                        taken.add(refuseSecondUser(user, holder, organization.id(), operatorId));
                    }
                }
            }
            if (!found.isEmpty()) {
                return Resolution.of(found);
            }
            if (!refused.isEmpty()) {
                return new Resolution(found, Outcome.AMBIGUOUS, String.join("; ", refused));
            }
            if (!taken.isEmpty()) {
                return new Resolution(found, Outcome.OPERATOR_TAKEN, String.join("; ", taken));
            }
            if (!inactive.isEmpty()) {
                return new Resolution(found, Outcome.OPERATOR_INACTIVE, String.join("; ", inactive));
            }
            if (!unavailable.isEmpty()) {
                return new Resolution(found, Outcome.CHATHUB_UNAVAILABLE, String.join("; ", unavailable));
            }
            return new Resolution(found, Outcome.NOT_AN_OPERATOR, "no operator is named \"" + name + "\"");
        }

        private String displayName(String user, HttpServletRequest request) {
            if (!nameAttribute.isEmpty()) {
                HttpSession session = request.getSession(false);
                Object displayName = session == null ? null : session.getAttribute(nameAttribute);
                if (displayName != null) {
                    return displayName.toString();
                }
            }
            return user;
        }

        private boolean provisions(Organization organization) {
            if (provisionIn == null) {
                return false;
            }
            OptionalLong id = ChatHubDirectory.parseId(provisionIn);
            return id.isPresent() ? id.getAsLong() == organization.id() : OperatorNames.same(organization.name(), provisionIn);
        }

        /** {@code null} when the operator is {@code user}'s (from now on), else the user it was given to first. */
        private String holder(long organizationId, long operatorId, String user) {
            String first = holders.putIfAbsent(organizationId + ":" + operatorId, user);
            return first == null || first.equals(user) ? null : first;
        }

        private String refuseSecondUser(String user, String holder, long organizationId, long operatorId) {
            String refusal = "operator " + operatorId + " of organization " + organizationId + " was given to user \""
                    + holder + "\" and is not given to another";
            if (warningsTold.add(organizationId + ":" + operatorId + "\n" + user)) {
                LOG.warning("ChatHub panel refused: user \"" + LogText.escape(user) + "\" matches operator " + operatorId
                        + " of organization " + organizationId + ", which the directory resolver already gave to user \""
                        + LogText.escape(holder) + "\" in this application; one operator is never two users' (restart"
                        + " the application after renaming a user, or map users with chathub.operator.resolver=mapping).");
            }
            return refusal;
        }

        private String refuse(String user, String name, long organizationId, List<Operator> candidates) {
            String refusal = "user \"" + user + "\" (name \"" + name + "\") matches " + candidates.size()
                    + " active operators of organization " + organizationId + ": " + ids(candidates);
            if (warningsTold.add(refusal)) {
                LOG.warning("ChatHub panel refused: " + LogText.escape(refusal) + ". Either could be somebody else, so"
                        + " the user gets no panel there until only one active operator has that name (rename or"
                        + " deactivate one in ChatHub, or map the user with chathub.operator.resolver=mapping).");
            }
            return refusal;
        }

        private static String ids(List<Operator> operators) {
            return operators.stream().map(op -> Long.toString(op.id())).collect(Collectors.joining(", "));
        }
    }
}
