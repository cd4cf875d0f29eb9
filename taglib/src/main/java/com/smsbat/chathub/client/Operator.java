package com.smsbat.chathub.client;

/**
 * A ChatHub operator.
 */
public final class Operator {
    private final long id;
    private final String name;
    private final OperatorStatus status;
    private final Organization organization;

    /**
     * @param id           ChatHub operator id
     * @param name         display name
     * @param status       current status
     * @param organization the operator's organization, or {@code null} when ChatHub did not say (the synchronize
     *                     endpoint answers without it)
     */
    public Operator(long id, String name, OperatorStatus status, Organization organization) {
        this.id = id;
        this.name = name;
        this.status = status;
        this.organization = organization;
    }

    /** @return ChatHub operator id */
    public long id() {
        return id;
    }

    /** @return display name */
    public String name() {
        return name;
    }

    /** @return current status */
    public OperatorStatus status() {
        return status;
    }

    /**
     * @return the operator's organization, or {@code null} when ChatHub did not say (the synchronize endpoint
     *         answers without it)
     */
    public Organization organization() {
        return organization;
    }

    /**
     * Whether ChatHub will serve a widget for this operator.
     *
     * @return whether the status is {@link OperatorStatus#ACTIVE}
     */
    public boolean isActive() {
        return status == OperatorStatus.ACTIVE;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Operator)) {
            return false;
        }
        Operator that = (Operator) other;
        return id == that.id
                && java.util.Objects.equals(name, that.name)
                && java.util.Objects.equals(status, that.status)
                && java.util.Objects.equals(organization, that.organization);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, name, status, organization);
    }

    @Override
    public String toString() {
        return "Operator[id=" + id + ", name=" + name + ", status=" + status + ", organization=" + organization + "]";
    }
}
