package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.resolver.OperatorAssignment;
import java.util.Map;

/**
 * What one request decided about its user's panel and why, for administrators: the request attribute
 * {@value #REQUEST_ATTRIBUTE}, the log (users named in {@code chathub.debug} at INFO, everyone at FINE) and the
 * MBean's {@code explain(user)}. Holds names and ids, never a token; its text has the names' control characters
 * escaped ({@link LogText}), as it goes into log lines.
 */
public final class PanelVerdict {
    private final String user;
    private final String resolver;
    private final Outcome outcome;
    private final OperatorAssignment operator;
    private final String detail;

    public PanelVerdict(String user, String resolver, Outcome outcome, OperatorAssignment operator, String detail) {
        this.user = user;
        this.resolver = resolver;
        this.outcome = outcome;
        this.operator = operator;
        this.detail = detail;
    }

    /** @return the logged-in user, {@code null} when nobody is */
    public String user() {
        return user;
    }

    /** @return the {@code chathub.operator.resolver} that ran (or would have run) */
    public String resolver() {
        return resolver;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** @return the operator the verdict is about, or {@code null}; kept as it is and described only when the verdict is told, because every page view with a panel makes a verdict */
    public OperatorAssignment operator() {
        return operator;
    }

    /** @return the specifics: role names, operator ids, the organization asked for */
    public String detail() {
        return detail;
    }

    public PanelVerdict(String user, String resolver, Outcome outcome, String detail) {
        this(user, resolver, outcome, null, detail);
    }

    public static final String REQUEST_ATTRIBUTE = "chathub.debug";

    public enum Outcome {
        PANEL("panel"),
        NOT_LOGGED_IN("no panel: not logged in"),
        NOT_IN_ROLE("no panel: not in role"),
        NOT_AN_OPERATOR("no panel: not a ChatHub operator"),
        OPERATOR_INACTIVE("no panel: operator inactive"),
        AMBIGUOUS("no panel: ambiguous operator name"),
        OPERATOR_TAKEN("no panel: operator already given to another user"),
        CHATHUB_UNAVAILABLE("no panel: ChatHub unavailable"),
        RESOLVER_FAILED("no panel: the resolver failed");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }
    }

    @Override
    public String toString() {
        String specifics = operator == null ? detail
                : "operator " + operator.operatorId() + " of organization " + operator.organizationId()
                        + (detail.isEmpty() ? "" : ": " + detail);
        return "ChatHub for " + (user == null ? "an anonymous request" : "user \"" + LogText.escape(user) + "\"")
                + " (resolver " + resolver + "): " + outcome.text
                + (specifics.isEmpty() ? "" : " (" + LogText.escape(specifics) + ")");
    }

    /**
     * The latest verdict per user, for {@code explain(user)} over JMX; bounded, so many users cost little: beyond
     * {@value #MAX_USERS} users the least recently used (given a verdict or explained) is forgotten.
     */
    public static final class Recent {

        private static final int MAX_USERS = 1_000;

        private final Map<String, PanelVerdict> byUser = Bounded.map(MAX_USERS);

        public void record(PanelVerdict verdict) {
            if (verdict.user() != null) {
                byUser.put(verdict.user(), verdict);
            }
        }

        public String explain(String user) {
            PanelVerdict verdict = user == null ? null : byUser.get(user.trim());
            return verdict != null ? verdict.toString() : "no page has asked for a panel for user \"" + LogText.escape(user)
                    + "\" recently (the last " + MAX_USERS + " users are kept)";
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PanelVerdict)) {
            return false;
        }
        PanelVerdict that = (PanelVerdict) other;
        return java.util.Objects.equals(user, that.user)
                && java.util.Objects.equals(resolver, that.resolver)
                && java.util.Objects.equals(outcome, that.outcome)
                && java.util.Objects.equals(operator, that.operator)
                && java.util.Objects.equals(detail, that.detail);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(user, resolver, outcome, operator, detail);
    }
}
