package com.smsbat.chathub.client;

/**
 * An operator to add with {@link ChatHubClient#synchronize(java.util.List)}.
 */
public final class NewOperator {
    private final long organizationId;
    private final String name;

    /**
     * @param organizationId the organization that gets the operator
     * @param name           display name
     */
    public NewOperator(long organizationId, String name) {
        this.organizationId = organizationId;
        this.name = name;
    }

    /** @return the organization that gets the operator */
    public long organizationId() {
        return organizationId;
    }

    /** @return display name */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof NewOperator)) {
            return false;
        }
        NewOperator that = (NewOperator) other;
        return organizationId == that.organizationId
                && java.util.Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(organizationId, name);
    }

    @Override
    public String toString() {
        return "NewOperator[organizationId=" + organizationId + ", name=" + name + "]";
    }
}
