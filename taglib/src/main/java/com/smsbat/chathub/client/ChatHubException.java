package com.smsbat.chathub.client;

/**
 * Root of everything that can go wrong talking to ChatHub. Messages never contain passwords or tokens.
 *
 * <ul>
 *   <li>{@link ChatHubIoException}: ChatHub could not be reached or did not answer in time.</li>
 *   <li>{@link ChatHubApiException}: ChatHub answered with an error status.</li>
 *   <li>{@link ChatHubAuthenticationException}: the company credentials were refused even after a fresh login.</li>
 *   <li>{@link ChatHubResponseException}: ChatHub answered 2xx with a body we cannot use.</li>
 * </ul>
 */
public class ChatHubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong; must not contain secrets */
    public ChatHubException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong; must not contain secrets
     * @param cause   the underlying failure
     */
    public ChatHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
