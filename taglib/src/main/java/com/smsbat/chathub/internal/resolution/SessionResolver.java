package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.internal.config.Assignments;
import com.smsbat.chathub.internal.identity.Identity;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** The operator is already in the session, put there by the application's own login. */
final class SessionResolver implements OperatorResolver {
    private final String attribute;
    private final Long defaultOrganization;

    SessionResolver(String attribute, Long defaultOrganization) {
        this.attribute = attribute;
        this.defaultOrganization = defaultOrganization;
    }

    @Override
    public List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
        Object value = Identity.sessionAttribute(request, attribute);
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
            return Assignments.parse(value.toString(), defaultOrganization);
        } catch (IllegalArgumentException e) {
            // A value the application put there that we cannot read: no panel, not a broken page.
            return Collections.emptyList();
        }
    }

}
