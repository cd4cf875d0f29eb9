package com.smsbat.chathub.taglib;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import java.io.IOException;

/** Plays an application's CSP filter: puts this response's nonce into the request attribute {@code cspNonce}. */
public class NonceFilter implements Filter {

    static final String NONCE = "r4nd0m-n0nce";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute("cspNonce", NONCE);
        chain.doFilter(request, response);
    }
}
