package com.smsbat.chathub.client;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A short-lived JWT that lets one ChatHub operator's browser panel talk to ChatHub.
 *
 * <p>{@link #toString()} never prints the token: instances end up in logs and debuggers.
 *
 * @param token     the JWT, always of JWT shape (three base64url parts)
 * @param expiresAt when ChatHub stops accepting it
 */
public record OperatorToken(String token, Instant expiresAt) {

    private static final Pattern JWT_SHAPE =
            Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$");

    public OperatorToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!isJwtShaped(token)) {
            throw new IllegalArgumentException("operator token is not JWT-shaped");
        }
    }

    /** Whether {@code candidate} looks like a JWT: the only shape ever written into a page. */
    public static boolean isJwtShaped(String candidate) {
        return candidate != null && JWT_SHAPE.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return "OperatorToken[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
