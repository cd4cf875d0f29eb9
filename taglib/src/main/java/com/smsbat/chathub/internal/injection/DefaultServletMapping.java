package com.smsbat.chathub.internal.injection;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;

/**
 * Whether the container's default servlet serves a request: a Servlet 4.0 question. Its own class, used only where
 * {@link #KNOWN} says the container can answer, so that Servlet 3.1 containers (Tomcat 8.5, Jetty 9.4) never load
 * the types and methods they lack.
 */
final class DefaultServletMapping {

    /** Whether this container's Servlet API has {@code HttpServletRequest.getHttpServletMapping()}; never loads it. */
    static final boolean KNOWN = servletMappingKnown();

    private DefaultServletMapping() {
    }

    static boolean of(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping != null && mapping.getMappingMatch() == MappingMatch.DEFAULT;
    }

    private static boolean servletMappingKnown() {
        try {
            HttpServletRequest.class.getMethod("getHttpServletMapping");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
