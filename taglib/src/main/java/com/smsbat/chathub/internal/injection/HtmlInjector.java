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
 * out, without buffering them.
 *
 * <h2>Filter order and mapping</h2>
 * The filter must see the page before anything compresses it: map it <em>after</em> any compressing filter in
 * {@code web.xml} (nearer the servlet), so that it writes into the compressor rather than receiving its output.
 * A response given a {@code Content-Encoding} below this filter (by a compressing filter between this one and
 * the servlet, or by a servlet sending pre-compressed bytes) is left untouched; an encoding set by a filter
 * around this one applies to our output and does not matter. Container-level compression (Tomcat's connector,
 * Jetty's {@code GzipHandler}) always comes after and needs no care. Map the filter to the {@code REQUEST} and
 * {@code FORWARD} dispatchers (others do no harm): see Lifecycle.
 *
 * <h2>Which responses</h2>
 * Status 200 with content type {@code text/html}, not a download ({@code Content-Disposition: attachment}) and not
 * sandboxed (a {@code Content-Security-Policy} with a {@code sandbox} directive: the page's origin is then not the
 * application's), decided when the first byte or char is written and checked again just before the markup goes in
 * (a response without a content type at that point is not a page, whatever it holds); then, once, whether
 * this page's user gets markup at all ({@link Markup#wanted()}: the operator is resolved only for pages). Never:
 * HEAD requests, paths matching the exclusions, a request reaching the filter first as an include (an included
 * response cannot set headers), responses committed before the first write, a {@code Content-Encoding} set below
 * this filter, {@code sendError}/{@code sendRedirect}, other statuses (204, 304, 404, ...). Bytes written through
 * {@code getOutputStream()} are scanned only in UTF-8 or an ASCII-preserving single-byte encoding (the
 * response's character encoding); through {@code getWriter()} any encoding works. A request is decided once, on
 * its first pass through the filter; later passes (forward, include, error or async dispatch) add nothing.
 * <p>What is known not to be a page costs next to nothing: a file the container's default servlet serves with a
 * type other than HTML (stylesheets, scripts, images) passes on unwrapped; a content type other than
 * {@code text/html} settles the response when it is set; and a response already settled, or already not an HTML
 * 200, when it asks for its stream or writer gets the container's own. (Such a response stays untouched even if
 * it is reset and turned into a page afterwards.)
 *
 * <h2>Where the markup goes</h2>
 * Before the last real {@code </body>} end tag (ASCII case-insensitive, split across any writes; not one inside an
 * attribute value, comment, script or other raw text: see {@link HtmlTokenizer}), which is known only at the end,
 * so a {@code </body>} and what follows it are held back. The bound: at most
 * {@value BodyEndScanner#MAX_HELD_AFTER_MARKER} bytes or chars after a {@code </body>}; a {@code </body>}
 * followed by more is released without markup and the search goes on (see {@link BodyEndScanner}). The extra
 * heap per response is a few small objects, plus, once something has to be held, at most
 * {@value BodyEndScanner#MAX_HELD} held units (about 8 KiB as bytes, 16 KiB as chars), whatever the page size. A flush while a {@code </body>} is held inserts the
 * markup there and flushes; a flush never releases the (at most 6) units that may start a marker. Without any
 * {@code </body>} nothing is inserted and nothing is lost. The markup supplier is called at most once, when a
 * {@code </body>} is about to be emitted; if it returns null or "" the page is left as written.
 *
 * <h2>Headers</h2>
 * The application's {@code Content-Length} is held back while the page may be injected and passed on unchanged
 * once it will not be; on an injected page it is dropped (the container computes the real length or sends the
 * page chunked). A page that may get a personal token is kept out of shared caches ({@link com.smsbat.chathub.internal.rendering.CacheHeaders}: the
 * application's Cache-Control made private, kept so when the application sets it again afterwards, and CDN
 * headers {@code no-store}). That must be in place before the container commits, which
 * for pages of more than about 2 KiB happens before their {@code </body>} is written, and headers cannot be
 * removed portably: such pages get it (and lose their Content-Length) once they pass that size, even if in the
 * end nothing is inserted (no {@code </body>}, the supplier returned nothing because the page already has a
 * panel, or the application turned the page into an error).
 * <p>{@code X-ChatHub-Injected: 1} says that the markup was inserted, and nothing else: it is set when the markup
 * goes in while the response is not yet committed — every page that fits the container's buffer, and any page
 * flushed no earlier than its {@code </body>}. A page committed before its {@code </body>} (longer than the
 * buffer, or flushed early) gets the markup without the header, which could no longer be sent.
 * <p>Smaller pages that get no markup are byte-for-byte what the application wrote, headers included; so is every
 * response the filter does not qualify. A response that commits before the headers could be set gets no markup.
 *
 * <h2>Lifecycle</h2>
 * Output the application never closes is completed when the filter chain returns; if the application throws,
 * what it wrote passes on without markup. {@code reset()} and {@code resetBuffer()} forget what was held (and
 * what was inserted) along with the container's buffer.
 * <p>A forward ends the response when it returns, and Tomcat 11 ends it behind the back of response wrappers.
 * Mapped to {@code FORWARD}, the filter finishes the page when the forwarded-to resource returns. Unmapped, it
 * cannot see that moment, so output written during a forward is handled like asynchronous output (below).
 * <p>{@code startAsync()} on the request passed down starts asynchronous processing with the injecting response,
 * so that {@code AsyncContext.getResponse()} and async dispatches write through it too. Once a request goes
 * asynchronous its end is not observable (Jetty closes the output before {@code AsyncListener.onComplete}), so
 * from then on nothing is held between writes: a {@code </body>} held when the request went asynchronous, or the
 * last one within a later write, gets the markup at the end of that write; a {@code </body>} split across two
 * such writes is not found. {@code ServletOutputStream.setWriteListener} (non-blocking output) settles the page
 * at that point and passes all later writes through untouched.
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
                InjectingResponse injecting = (InjectingResponse) seen;
                injecting.forwardBegins();
                chain.doFilter(request, response);
                completeOrContinue(request, injecting);
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
                injecting.abandon();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        completeOrContinue(request, injecting);
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
        return type != null && !InjectingResponse.isHtml(type);
    }

    private static void completeOrContinue(HttpServletRequest request, InjectingResponse injecting) throws IOException {
        if (request.isAsyncStarted()) {
            injecting.continueAsync();
        } else {
            injecting.finish();
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
