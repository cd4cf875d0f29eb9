package com.smsbat.chathub.client;

/**
 * A ChatHub operator.
 *
 * @param id           ChatHub operator id
 * @param name         display name
 * @param status       current status
 * @param organization the operator's organization, or {@code null} when ChatHub did not say
 *                     (the synchronize endpoint answers without it)
 */
public record Operator(long id, String name, OperatorStatus status, Organization organization) {

    /** Whether ChatHub will serve a widget for this operator. */
    public boolean isActive() {
        return status == OperatorStatus.ACTIVE;
    }
}
