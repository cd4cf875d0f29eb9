package com.smsbat.chathub.client;

/**
 * An operator to add with {@link ChatHubClient#synchronize(java.util.List)}.
 *
 * @param organizationId the organization that gets the operator
 * @param name           display name
 */
public record NewOperator(long organizationId, String name) {
}
