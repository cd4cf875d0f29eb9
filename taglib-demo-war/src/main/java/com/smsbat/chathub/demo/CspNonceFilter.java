package com.smsbat.chathub.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Serves a page under a strict, nonce-based Content-Security-Policy: only script elements carrying this
 * response's nonce run. The nonce goes into the request attribute the ChatHub tags read by default
 * ({@code chathub.csp.nonce-attribute} = {@code cspNonce}), so the panel's script tags carry it too.
 */
public final class CspNonceFilter extends HttpFilter {

    static final String NONCE_ATTRIBUTE = "cspNonce";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        response.setHeader("Content-Security-Policy",
                "script-src 'nonce-" + nonce + "' 'strict-dynamic'; object-src 'none'; base-uri 'none'");
        chain.doFilter(request, response);
    }
}
