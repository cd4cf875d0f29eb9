package com.smsbat.chathub.client;

/**
 * A ChatHub organization (a team of operators within the company).
 */
public final class Organization {
    private final long id;
    private final String name;

    /**
     * @param id   ChatHub organization id
     * @param name display name
     */
    public Organization(long id, String name) {
        this.id = id;
        this.name = name;
    }

    /** @return ChatHub organization id */
    public long id() {
        return id;
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
        if (!(other instanceof Organization)) {
            return false;
        }
        Organization that = (Organization) other;
        return id == that.id
                && java.util.Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, name);
    }

    @Override
    public String toString() {
        return "Organization[id=" + id + ", name=" + name + "]";
    }
}
