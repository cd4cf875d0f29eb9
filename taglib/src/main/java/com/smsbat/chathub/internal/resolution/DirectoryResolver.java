package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.client.Organization;
import com.smsbat.chathub.internal.config.Assignments;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.identity.Identity;
import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.resolver.OperatorAssignment;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Finds the user among ChatHub's active operators by name ({@link OperatorNames}), in every organization. A name
 * two active operators of one organization share is refused there (a warning names them, once): either could be
 * somebody else. An operator found for one application user is never given to another while the application runs
 * (a warning names both, once). With {@code provisionIn} (an organization id or name), a user without an operator
 * of that name there gets one created.
 */
final class DirectoryResolver implements Explaining {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);

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
        if (OperatorNames.key(name) == null) {
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
            List<Operator> named = OperatorNames.named(operators.get(), Operator::name, name);
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
            Object displayName = Identity.sessionAttribute(request, nameAttribute);
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
        OptionalLong id = Assignments.organizationId(provisionIn);
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
