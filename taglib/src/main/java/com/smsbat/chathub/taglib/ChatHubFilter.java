package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.web.ChatHubWeb;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import java.io.IOException;

/**
 * Starts the ChatHub integration of a web application and serves it per request: the JSON token
 * endpoint, the browser module at its content-named address, and (with {@code chathub.inject=true}) the panel written into every HTML page. The
 * {@code <chathub:widget/>} tag needs this filter to be running.
 *
 * <p>Registered automatically by the library's {@code web-fragment.xml} (fragment name {@code chathub},
 * filter name {@code chathub}, mapped to {@code /*}), or by {@link ChatHubInitializer} in applications whose
 * {@code web.xml} is {@code metadata-complete}. To place it yourself — for example before a
 * compression filter, which it must precede — declare a filter named {@code chathub} with this class in
 * {@code web.xml}, with {@code <async-supported>true</async-supported>}. To leave it out, list fragments in
 * {@code <absolute-ordering>} without {@code chathub}, or set {@code chathub.enabled=false}.
 *
 * <p>All settings are read once, in {@link #init}; the settings table of docs/settings.md lists them.
 */
public class ChatHubFilter implements Filter {

    private ChatHubWeb web;

    /**
     * Starts the library for this web application. An invalid setting stops the application from starting (unless
     * {@code chathub.fail-on-invalid-config=false}); anything else that keeps the library from starting leaves the
     * application running without panels, with a log line saying why and how to fix it.
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        web = ChatHubWeb.start(filterConfig);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        web.filter(request, response, chain);
    }

    @Override
    public void destroy() {
        if (web != null) {
            web.stop();
            web = null;
        }
    }
}
