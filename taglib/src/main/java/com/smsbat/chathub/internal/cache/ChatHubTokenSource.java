package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.ChatHubResponseException;
import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.client.TokenValidation;

import java.time.Instant;

/**
 * Fetches operator tokens from ChatHub and, optionally, has ChatHub confirm each new one before it is
 * used: the validation must name the operator we asked for, and an earlier expiry it reports wins.
 */
final class ChatHubTokenSource implements OperatorTokenSource {

    private final ChatHubClient client;
    private final boolean validate;

    ChatHubTokenSource(ChatHubClient client, boolean validate) {
        this.client = client;
        this.validate = validate;
    }

    @Override
    public OperatorToken fetch(OperatorAssignment key, Instant requestedExpiry) {
        OperatorToken token = client.operatorToken(key.operatorId(), requestedExpiry);
        if (!validate) {
            return token;
        }
        TokenValidation validation = client.validateToken(token.token());
        if (!validation.valid()) {
            throw new ChatHubResponseException("ChatHub did not validate the token it just issued for operator "
                    + key.operatorId());
        }
        if (validation.operatorId() != null && validation.operatorId() != key.operatorId()) {
            throw new ChatHubResponseException("ChatHub validated the token for operator " + validation.operatorId()
                    + " instead of operator " + key.operatorId());
        }
        if (validation.expiresAt() != null && validation.expiresAt().isBefore(token.expiresAt())) {
            return new OperatorToken(token.token(), validation.expiresAt());
        }
        return token;
    }
}
