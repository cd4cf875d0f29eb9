package com.smsbat.chathub.client;

/**
 * ChatHub refused the company credentials (login and password, or the configured company token), even
 * after one fresh login. This is a configuration error: the client stops asking ChatHub for a short
 * back-off and fails fast meanwhile.
 */
public class ChatHubAuthenticationException extends ChatHubApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message   what was asked and what went wrong; must not contain secrets
     * @param status    the HTTP status ChatHub answered with
     * @param requestId ChatHub's {@code X-Request-Id}, or {@code null}
     * @param body      the error body, or {@code null}; only a masked excerpt is kept
     */
    public ChatHubAuthenticationException(String message, int status, String requestId, String body) {
        super(message, status, requestId, body);
    }
}
