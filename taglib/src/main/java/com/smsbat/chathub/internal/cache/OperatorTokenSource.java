package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.client.ChatHubClient;
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
    OperatorToken fetch(OperatorAssignment key, Instant requestedExpiry);

    /**
     * Tokens from ChatHub through {@code client}; with {@code validate}, each new token is confirmed with
     * ChatHub's validate-token first (it must name the requested operator; an earlier expiry it reports wins).
     */
    static OperatorTokenSource chatHub(ChatHubClient client, boolean validate) {
        return new ChatHubTokenSource(client, validate);
    }
}
