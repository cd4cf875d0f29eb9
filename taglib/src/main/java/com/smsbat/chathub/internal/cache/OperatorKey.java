package com.smsbat.chathub.internal.cache;

/**
 * Identifies one cached operator token: ChatHub operator ids are only unique within an organization.
 *
 * @param organizationId ChatHub organization id
 * @param operatorId     ChatHub operator id
 */
public record OperatorKey(long organizationId, long operatorId) {

    /*
     * Written out because the generated equals of a record is bootstrapped on Java 17 through a method handle
     * shared JVM-wide (java.lang.runtime.ObjectMethods), whose one-entry asType cache then keeps the last
     * record class that used it: this key of every cache lookup would pin an undeployed application's class
     * loader (Tomcat's findleaks lists it) until some other record's equals is first called.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof OperatorKey key
                && key.organizationId == organizationId && key.operatorId == operatorId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(organizationId) * 31 + Long.hashCode(operatorId);
    }
}
