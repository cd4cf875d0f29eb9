package com.smsbat.chathub.internal.injection;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Zero-touch mode: inserts the widget markup before the closing {@code </body>} of HTML pages while they stream
 * out, without buffering them. Which responses qualify, where the markup goes, what happens to headers and how
 * forwards and asynchronous requests are handled: see the {@linkplain com.smsbat.chathub.internal.injection package}.
 */
public final class HtmlInjector {

    /** What goes into one response's page, worked out only once the response turns out to be a page. */
    public interface Markup {

        /**
         * Whether the page may get markup at all; asked when a response is first written as an HTML page of
         * status 200 (again after a {@code reset()}). False leaves the response exactly as the application writes it.
         */
        boolean wanted();

        /** The markup, asked at most once, when a {@code </body>} is about to be emitted; null or "" for none. */
        String get();
    }

    /** Marks a request the injector has seen. */
    private static final String SEEN = HtmlInjector.class.getName() + ".seen";

    private final List<Predicate<String>> exclusions;

    /**
     * @param exclusions tests of the request's path within the application, each true for a path never injected
     *                   into (checked url-patterns: the settings' {@code InjectionSettings})
     */
    public HtmlInjector(List<Predicate<String>> exclusions) {
        this.exclusions = exclusions;
    }

    /**
     * Runs the chain with the response wrapped so that, if it qualifies, {@code markup.get()} is inserted once
     * before the last {@code </body>}.
     */
    public void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Markup markup)
            throws IOException, ServletException {
        Object seen = request.getAttribute(SEEN);
        if (seen != null) {
            if (seen instanceof InjectingResponse && request.getDispatcherType() == DispatcherType.FORWARD) {
                Injection injection = ((InjectingResponse) seen).injection;
                injection.forwardBegins();
                chain.doFilter(request, response);
                completeOrContinue(request, injection);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (isStaticFileOtherThanHtml(request)) {
            chain.doFilter(request, response);
            return;
        }
        if ("HEAD".equals(request.getMethod()) || request.getDispatcherType() == DispatcherType.INCLUDE
                || (!exclusions.isEmpty() && excludes(pathWithinApplication(request)))) {
            request.setAttribute(SEEN, Boolean.TRUE);
            chain.doFilter(request, response);
            return;
        }
        InjectingResponse injecting = new InjectingResponse(request, response, markup);
        request.setAttribute(SEEN, injecting);
        try {
            chain.doFilter(injecting.request(), injecting);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            try {
                injecting.injection.abandon();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        completeOrContinue(request, injecting.injection);
    }

    /**
     * A file the container's default servlet serves with a type other than HTML (a stylesheet, script, image): it
     * can never be a page, so it passes on unwrapped, which keeps the container's fast path for files (Jetty
     * writes a wrapped response's file through its output stream instead). Servlet 3.1 cannot say which servlet
     * serves a request: there every response is wrapped, and the content type alone decides.
     */
    private static boolean isStaticFileOtherThanHtml(HttpServletRequest request) {
        if (!DefaultServletMapping.KNOWN || !DefaultServletMapping.of(request)) {
            return false;
        }
        String type = request.getServletContext().getMimeType(request.getServletPath());
        return type != null && !PageHeaders.isHtml(type);
    }

    private static void completeOrContinue(HttpServletRequest request, Injection injection) throws IOException {
        if (request.isAsyncStarted()) {
            injection.continueAsync();
        } else {
            injection.finish();
        }
    }

    /** Whether a path within the application matches one of the exclusions. */
    boolean excludes(String path) {
        for (Predicate<String> exclusion : exclusions) {
            if (exclusion.test(path)) {
                return true;
            }
        }
        return false;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
        return path.isEmpty() ? "/" : path;
    }
}
