package com.smsbat.chathub.client;

/**
 * ChatHub refused the company credentials (login and password, or the configured company token), even
 * after one fresh login. This is a configuration error: the client stops asking ChatHub for a short
 * back-off and fails fast meanwhile.
 */
public class ChatHubAuthenticationException extends ChatHubApiException {

    private static final long serialVersionUID = 1L;

    public ChatHubAuthenticationException(String message, int status, String requestId, String body) {
        super(message, status, requestId, body);
    }
}
