package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.resolver.OperatorAssignment;

import java.util.List;
import java.util.Objects;

/** What a resolver found, and when it found nothing, why (an application's own resolver cannot say). */
public final class Resolution {
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
        return Objects.equals(assignments, that.assignments)
                && Objects.equals(outcome, that.outcome)
                && Objects.equals(detail, that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(assignments, outcome, detail);
    }

    @Override
    public String toString() {
        return "Resolution[assignments=" + assignments + ", outcome=" + outcome + ", detail=" + detail + "]";
    }
}
