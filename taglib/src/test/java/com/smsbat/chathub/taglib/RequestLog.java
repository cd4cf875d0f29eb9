package com.smsbat.chathub.taglib;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records when requests reached the URLs it is mapped to in a test webapp's {@code web.xml} ({@link #mappedTo}),
 * whoever answers them. State is static: the container, not the test, creates the filter (the webapp sees the
 * test's classes); tests read differences.
 */
public final class RequestLog implements Filter {

    private static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();

    private record Request(String uri, long millis) {
    }

    /** The {@code web.xml} lines that put the filter (as {@code name}) in front of {@code urlPattern}. */
    static String mappedTo(String name, String urlPattern) {
        return "<filter><filter-name>" + name + "</filter-name><filter-class>" + RequestLog.class.getName()
                + "</filter-class></filter>\n<filter-mapping><filter-name>" + name + "</filter-name><url-pattern>"
                + urlPattern + "</url-pattern></filter-mapping>\n";
    }

    /** How many requests whose URI contains {@code part} have come. */
    static int count(String part) {
        return (int) REQUESTS.stream().filter(request -> request.uri().contains(part)).count();
    }

    /** When requests whose URI contains {@code part} came, from {@code millis} on (epoch milliseconds). */
    static List<Long> timesFrom(String part, long millis) {
        return REQUESTS.stream().filter(request -> request.uri().contains(part) && request.millis() >= millis)
                .map(Request::millis).toList();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        REQUESTS.add(new Request(((HttpServletRequest) request).getRequestURI(), System.currentTimeMillis()));
        chain.doFilter(request, response);
    }
}
