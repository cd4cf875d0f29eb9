package com.smsbat.chathub.client;

/** ChatHub could not be reached or did not answer in time (timeout, connection refused or reset). */
public class ChatHubIoException extends ChatHubException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong; must not contain secrets */
    public ChatHubIoException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong; must not contain secrets
     * @param cause   the underlying failure
     */
    public ChatHubIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
