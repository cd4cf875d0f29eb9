package com.smsbat.chathub.client;

import java.time.Instant;

/**
 * ChatHub's verdict on an operator token.
 */
public final class TokenValidation {
    private final boolean valid;
    private final Long operatorId;
    private final Instant expiresAt;
    private final String error;

    /**
     * @param valid      whether ChatHub accepts the token
     * @param operatorId the operator the token belongs to, or {@code null} when ChatHub did not say
     * @param expiresAt  when ChatHub stops accepting the token, or {@code null} when ChatHub did not say
     * @param error      ChatHub's reason for rejecting it, or {@code null}
     */
    public TokenValidation(boolean valid, Long operatorId, Instant expiresAt, String error) {
        this.valid = valid;
        this.operatorId = operatorId;
        this.expiresAt = expiresAt;
        this.error = error;
    }

    /** @return whether ChatHub accepts the token */
    public boolean valid() {
        return valid;
    }

    /** @return the operator the token belongs to, or {@code null} when ChatHub did not say */
    public Long operatorId() {
        return operatorId;
    }

    /** @return when ChatHub stops accepting the token, or {@code null} when ChatHub did not say */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return ChatHub's reason for rejecting it, or {@code null} */
    public String error() {
        return error;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TokenValidation)) {
            return false;
        }
        TokenValidation that = (TokenValidation) other;
        return valid == that.valid
                && java.util.Objects.equals(operatorId, that.operatorId)
                && java.util.Objects.equals(expiresAt, that.expiresAt)
                && java.util.Objects.equals(error, that.error);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(valid, operatorId, expiresAt, error);
    }

    @Override
    public String toString() {
        return "TokenValidation[valid=" + valid + ", operatorId=" + operatorId + ", expiresAt=" + expiresAt + ", error=" + error + "]";
    }
}
