package com.smsbat.chathub.client;

/** ChatHub could not be reached or did not answer in time (timeout, connection refused or reset). */
public class ChatHubIoException extends ChatHubException {

    private static final long serialVersionUID = 1L;

    public ChatHubIoException(String message) {
        super(message);
    }

    public ChatHubIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
