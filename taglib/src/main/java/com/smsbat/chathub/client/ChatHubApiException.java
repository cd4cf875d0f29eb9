package com.smsbat.chathub.client;

import java.util.Optional;

/** ChatHub answered with an error status. */
public class ChatHubApiException extends ChatHubException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status ChatHub answered with. */
    private final int status;
    /** ChatHub's {@code X-Request-Id}, or {@code null}. */
    private final String requestId;
    /** At most the first 200 characters of the error body, token-like parts masked. */
    private final String bodyExcerpt;

    /**
     * @param message   what was asked and what went wrong; must not contain secrets
     * @param status    the HTTP status ChatHub answered with
     * @param requestId ChatHub's {@code X-Request-Id}, or {@code null}
     * @param body      the error body, or {@code null}; only an excerpt is kept, with JWT-shaped parts masked,
     *                  and it is appended to the message
     */
    public ChatHubApiException(String message, int status, String requestId, String body) {
        this(status, requestId, Redactor.excerpt(body), message);
    }

    private ChatHubApiException(int status, String requestId, String bodyExcerpt, String message) {
        super(bodyExcerpt.isEmpty() ? message : message + ": " + bodyExcerpt);
        this.status = status;
        this.requestId = requestId;
        this.bodyExcerpt = bodyExcerpt;
    }

    /**
     * The HTTP status ChatHub answered with.
     *
     * @return the status, e.g. 500
     */
    public int status() {
        return status;
    }

    /**
     * ChatHub's {@code X-Request-Id} for this answer, for ChatHub support.
     *
     * @return the request id, or empty when ChatHub sent none
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * At most the first 200 characters of the error body, with anything token-like masked.
     *
     * @return the excerpt, empty when the body was
     */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
