package com.smsbat.chathub.internal.cache;

/**
 * Identifies one cached operator token: ChatHub operator ids are only unique within an organization.
 */
public final class OperatorKey {
    private final long organizationId;
    private final long operatorId;

    public OperatorKey(long organizationId, long operatorId) {
        this.organizationId = organizationId;
        this.operatorId = operatorId;
    }

    /** @return ChatHub organization id */
    public long organizationId() {
        return organizationId;
    }

    /** @return ChatHub operator id */
    public long operatorId() {
        return operatorId;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof OperatorKey)) {
            return false;
        }
        OperatorKey key = (OperatorKey) other;
        return key.organizationId == organizationId && key.operatorId == operatorId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(organizationId) * 31 + Long.hashCode(operatorId);
    }

    @Override
    public String toString() {
        return "OperatorKey[organizationId=" + organizationId + ", operatorId=" + operatorId + "]";
    }
}
