package com.smsbat.chathub.client;

import java.time.Instant;

/**
 * ChatHub's verdict on an operator token.
 *
 * @param valid      whether ChatHub accepts the token
 * @param operatorId the operator the token belongs to, or {@code null} when ChatHub did not say
 * @param expiresAt  when ChatHub stops accepting the token, or {@code null} when ChatHub did not say
 * @param error      ChatHub's reason for rejecting it, or {@code null}
 */
public record TokenValidation(boolean valid, Long operatorId, Instant expiresAt, String error) {
}
