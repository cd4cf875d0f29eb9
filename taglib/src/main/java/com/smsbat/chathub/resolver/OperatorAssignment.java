package com.smsbat.chathub.resolver;

/**
 * "This user acts as ChatHub operator {@code operatorId} of organization {@code organizationId}."
 *
 * @param organizationId ChatHub organization id
 * @param operatorId     ChatHub operator id
 */
public record OperatorAssignment(long organizationId, long operatorId) {

    /**
     * Parses {@code "24:101"} or, with a default organization, {@code "101"}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static OperatorAssignment parse(String text, Long defaultOrganization) {
        String value = text.strip();
        int colon = value.indexOf(':');
        try {
            if (colon < 0) {
                if (defaultOrganization == null) {
                    throw new IllegalArgumentException("\"" + value
                            + "\" has no organization (write org:operator, or set chathub.organization to an id)");
                }
                return new OperatorAssignment(defaultOrganization, Long.parseLong(value));
            }
            return new OperatorAssignment(Long.parseLong(value.substring(0, colon).strip()),
                    Long.parseLong(value.substring(colon + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not operatorId or organizationId:operatorId");
        }
    }
}
