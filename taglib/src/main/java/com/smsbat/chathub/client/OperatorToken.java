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

    /** The longest token accepted, 8 KiB: it is written into every page with a panel; ChatHub's are under 1 KiB. */
    public static final int MAX_LENGTH = 8 * 1024;

    private static final Pattern JWT_SHAPE =
            Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$");

    public OperatorToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!isJwtShaped(token)) {
            throw new IllegalArgumentException("operator token is not JWT-shaped, or longer than " + MAX_LENGTH + " characters");
        }
    }

    /** Whether {@code candidate} looks like a JWT of at most {@link #MAX_LENGTH}: the only shape ever written into a page. */
    public static boolean isJwtShaped(String candidate) {
        return candidate != null && candidate.length() <= MAX_LENGTH && JWT_SHAPE.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return "OperatorToken[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
