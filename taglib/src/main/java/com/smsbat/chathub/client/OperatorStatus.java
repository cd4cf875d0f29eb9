package com.smsbat.chathub.client;

/** An operator's ChatHub status; only {@link #ACTIVE} operators get a widget. */
public enum OperatorStatus {
    /** Gets a widget. */
    ACTIVE(0),
    /** Exists but gets no widget. */
    INACTIVE(1),
    /** Removed. */
    DELETED(2),
    /** A code this library does not know yet; ChatHub may add statuses. Cannot be sent to ChatHub. */
    OTHER(-1);

    private final int code;

    OperatorStatus(int code) {
        this.code = code;
    }

    /**
     * The number ChatHub uses for this status.
     *
     * @return the code; -1 for {@link #OTHER}
     */
    public int code() {
        return code;
    }

    /**
     * The status for a ChatHub code; unknown codes map to {@link #OTHER} rather than failing.
     *
     * @param code the number ChatHub sent
     * @return its status
     */
    public static OperatorStatus ofCode(int code) {
        for (OperatorStatus status : values()) {
            if (status != OTHER && status.code == code) {
                return status;
            }
        }
        return OTHER;
    }
}
