package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.resolver.OperatorAssignment;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Each user's operators from the application's mapping file ({@code chathub.operator.mapping}), read at start-up. */
final class MappingResolver implements Explaining {

    private final Map<String, List<OperatorAssignment>> byUser;
    private final String path;

    MappingResolver(Map<String, List<OperatorAssignment>> byUser, String path) {
        this.byUser = byUser;
        this.path = path;
    }

    @Override
    public Resolution explain(String user, HttpServletRequest request) {
        List<OperatorAssignment> assignments = byUser.getOrDefault(user, Collections.emptyList());
        return assignments.isEmpty()
                ? new Resolution(assignments, Outcome.NOT_AN_OPERATOR, "no entry for this user in " + path)
                : Resolution.of(assignments);
    }
}
