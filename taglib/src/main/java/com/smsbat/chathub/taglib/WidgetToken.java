package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.resolver.OperatorAssignment;

/**
 * The current user's operator token for custom markup, as exposed by {@code <chathub:token var="t"/>}:
 * a JavaBean so that EL ({@code ${t.token}}, {@code ${t.expiresAt}}) reads it in every container.
 * {@link #toString()} never prints the token.
 */
public final class WidgetToken {

    private final OperatorAssignment assignment;
    private final OperatorToken token;

    WidgetToken(OperatorAssignment assignment, OperatorToken token) {
        this.assignment = assignment;
        this.token = token;
    }

    /**
     * The JWT, to be written only into the page of the user it belongs to.
     *
     * @return the operator token
     */
    public String getToken() {
        return token.token();
    }

    /**
     * When the token expires.
     *
     * @return ISO-8601 UTC, e.g. {@code 2026-11-28T14:33:34Z}
     */
    public String getExpiresAt() {
        return token.expiresAt().toString();
    }

    /** @return the ChatHub operator id the token is for */
    public long getOperatorId() {
        return assignment.operatorId();
    }

    /** @return the ChatHub organization id of that operator */
    public long getOrganizationId() {
        return assignment.organizationId();
    }

    @Override
    public String toString() {
        return "WidgetToken[operator=" + assignment.operatorId() + ", organization=" + assignment.organizationId()
                + ", token=<redacted>, expiresAt=" + token.expiresAt() + "]";
    }
}
