package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.resolver.OperatorAssignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The text forms of operators and organizations, read alike in the mapping file (at start-up), in session
 * attributes and in tags (per request).
 */
public final class Assignments {

    private Assignments() {
    }

    /** {@code "101"}, {@code "24:101"} or {@code "24:101, 31:201"}, at most one operator per organization. */
    public static List<OperatorAssignment> parse(String text, Long defaultOrganization) {
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

    /** The organization id {@code text} spells out, if it is one (digits only); otherwise it is a name. */
    public static OptionalLong organizationId(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }
}
