package com.smsbat.chathub.client;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A short-lived JWT that lets one ChatHub operator's browser panel talk to ChatHub.
 *
 * <p>{@link #toString()} never prints the token: instances end up in logs and debuggers.
 */
public final class OperatorToken {

    /** The longest token accepted, 8 KiB: it is written into every page with a panel; ChatHub's are under 1 KiB. */
    public static final int MAX_LENGTH = 8 * 1024;

    private static final Pattern JWT_SHAPE =
            Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$");

    private final String token;
    private final Instant expiresAt;

    /**
     * @param token     the JWT, always of JWT shape (three base64url parts), at most {@link #MAX_LENGTH} characters
     * @param expiresAt when ChatHub stops accepting it
     */
    public OperatorToken(String token, Instant expiresAt) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!isJwtShaped(token)) {
            throw new IllegalArgumentException("operator token is not JWT-shaped, or longer than " + MAX_LENGTH
                    + " characters");
        }
        this.token = token;
        this.expiresAt = expiresAt;
    }

    /** @return the JWT, always of JWT shape (three base64url parts) */
    public String token() {
        return token;
    }

    /** @return when ChatHub stops accepting it */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Whether {@code candidate} looks like a JWT of at most {@link #MAX_LENGTH} characters: the only shape ever written
     * into a page.
     *
     * @param candidate any text, or {@code null}
     * @return whether it is three base64url parts separated by dots, short enough
     */
    public static boolean isJwtShaped(String candidate) {
        return candidate != null && candidate.length() <= MAX_LENGTH && JWT_SHAPE.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return "OperatorToken[token=<redacted>, expiresAt=" + expiresAt + "]";
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof OperatorToken)) {
            return false;
        }
        OperatorToken that = (OperatorToken) other;
        return Objects.equals(token, that.token)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, expiresAt);
    }
}
