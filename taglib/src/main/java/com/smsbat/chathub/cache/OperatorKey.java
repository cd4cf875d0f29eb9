package com.smsbat.chathub.cache;

/**
 * Identifies one cached operator token: ChatHub operator ids are only unique within an organization.
 *
 * @param organizationId ChatHub organization id
 * @param operatorId     ChatHub operator id
 */
public record OperatorKey(long organizationId, long operatorId) {
}
