package com.smsbat.chathub.taglib;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * An application's own resolver: every user whose name starts with "ops-" is operator 202 of organization 31;
 * for "broken" it fails, as application code sometimes does.
 */
public class FixedResolver implements OperatorResolver {

    @Override
    public List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
        if (user.equals("broken")) {
            throw new IllegalStateException("the user directory is down");
        }
        return user.startsWith("ops-") ? List.of(new OperatorAssignment(31, 202)) : List.of();
    }
}
