package com.smsbat.chathub.resolver;

/**
 * "This user acts as ChatHub operator {@code operatorId} of organization {@code organizationId}."
 */
public final class OperatorAssignment {
    private final long organizationId;
    private final long operatorId;

    /**
     * @param organizationId ChatHub organization id
     * @param operatorId     ChatHub operator id
     */
    public OperatorAssignment(long organizationId, long operatorId) {
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

    /**
     * Parses {@code "24:101"} or, with a default organization, {@code "101"}.
     *
     * @param text                {@code organizationId:operatorId}, or {@code operatorId}
     * @param defaultOrganization the organization of an {@code operatorId} alone, or {@code null} when there is none
     * @return the assignment
     * @throws IllegalArgumentException for anything else
     */
    public static OperatorAssignment parse(String text, Long defaultOrganization) {
        String value = text.trim();
        int colon = value.indexOf(':');
        try {
            if (colon < 0) {
                if (defaultOrganization == null) {
                    throw new IllegalArgumentException("\"" + value
                            + "\" has no organization (write org:operator, or set chathub.organization to an id)");
                }
                return new OperatorAssignment(defaultOrganization, Long.parseLong(value));
            }
            return new OperatorAssignment(Long.parseLong(value.substring(0, colon).trim()),
                    Long.parseLong(value.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not operatorId or organizationId:operatorId");
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof OperatorAssignment)) {
            return false;
        }
        OperatorAssignment that = (OperatorAssignment) other;
        return organizationId == that.organizationId
                && operatorId == that.operatorId;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(organizationId, operatorId);
    }

    @Override
    public String toString() {
        return "OperatorAssignment[organizationId=" + organizationId + ", operatorId=" + operatorId + "]";
    }
}
