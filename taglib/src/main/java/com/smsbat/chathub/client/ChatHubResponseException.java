package com.smsbat.chathub.client;

/**
 * ChatHub answered with a success status but a body we cannot use: not JSON, a required field missing,
 * or a token that is not JWT-shaped. The body itself is left out of the message: it may hold a token.
 */
public class ChatHubResponseException extends ChatHubException {

    private static final long serialVersionUID = 1L;

    /** @param message what was unusable, by its place in the body; must not contain the body */
    public ChatHubResponseException(String message) {
        super(message);
    }
}
