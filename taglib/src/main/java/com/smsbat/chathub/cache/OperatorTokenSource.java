package com.smsbat.chathub.cache;

import com.smsbat.chathub.client.OperatorToken;

import java.time.Instant;

/**
 * Where {@link OperatorTokenCache} gets fresh tokens: ChatHub in production, anything in tests.
 * Implementations throw {@link com.smsbat.chathub.client.ChatHubException} (unchecked) on failure.
 */
@FunctionalInterface
public interface OperatorTokenSource {

    /**
     * Obtains a new token for {@code key} that should live until {@code requestedExpiry}.
     * The returned token's {@code expiresAt} is what the source knows to be true, which may be earlier.
     */
    OperatorToken fetch(OperatorKey key, Instant requestedExpiry);
}
