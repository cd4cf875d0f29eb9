package com.smsbat.chathub.internal.injection;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request passed down with an {@link InjectingResponse}. A plain {@code startAsync()} on it starts asynchronous
 * processing with that response, so that {@code AsyncContext.getResponse()} and async dispatches write through it;
 * the original request would hand out the container's own response and bypass the injection.
 */
final class AsyncThroughInjection extends HttpServletRequestWrapper {

    private final HttpServletResponse injecting;

    AsyncThroughInjection(HttpServletRequest request, HttpServletResponse injecting) {
        super(request);
        this.injecting = injecting;
    }

    @Override
    public AsyncContext startAsync() {
        return getRequest().startAsync(this, injecting);
    }
}
