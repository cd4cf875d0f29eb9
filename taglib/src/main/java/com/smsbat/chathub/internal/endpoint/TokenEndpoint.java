package com.smsbat.chathub.internal.endpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smsbat.chathub.internal.runtime.PanelState;
import com.smsbat.chathub.resolver.OperatorAssignment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/chathub/token[?org=…]} → {@code {"token":"…","expiresAt":"…"}} for the logged-in user:
 * the shape the ChatHub documentation's browser snippets read. Never cached by browsers or proxies, and no
 * upstream call for requests it must refuse.
 *
 * <p>Only the application's own pages get a token. A request another site made — {@code Sec-Fetch-Site} other
 * than {@code same-origin} or {@code none} (typed or bookmarked), or, from a browser that does not send it, an
 * {@code Origin} other than the request's own — gets 403: the session cookie goes along with such requests, and a
 * credentialed CORS filter mapped over {@code /api/*} would let the other site read the answer. {@code same-site}
 * is refused too: a sibling subdomain (user content, another team's application) is not this application. And no
 * answer is readable cross-origin: the {@code Access-Control-*} headers such a filter set before us are removed.
 */
public final class TokenEndpoint {

    public static final int RETRY_AFTER_SECONDS = 5;
    /*
     * Jackson's default buffer pool is a ThreadLocal: it would leave a buffer of the application's Jackson in
     * each container thread that served the endpoint, pinning the undeployed application in memory (Tomcat's
     * findleaks lists it). Without recycling, each answer allocates its buffers afresh (Jackson 2.9's API: the
     * application's own Jackson may be that old). JsonFactory.disable is deprecated since 2.10, whose builder
     * replaces it; 2.9 has no builder.
     */
    @SuppressWarnings("deprecation")
    private static final ObjectMapper JSON = new ObjectMapper(
            new JsonFactory().disable(JsonFactory.Feature.USE_THREAD_LOCAL_FOR_BUFFER_RECYCLING));

    private TokenEndpoint() {
    }

    public static void serve(PanelState state, HttpServletResponse response) throws IOException {
        HttpServletRequest request = state.request();
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!removeCorsHeaders(response)) {
            return;
        }
        if (!sameOrigin(request)) {
            write(response, HttpServletResponse.SC_FORBIDDEN, Collections.singletonMap("error", "cross-site request"));
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, Collections.singletonMap("error", "use GET"));
            return;
        }
        if (state.user() == null) {
            write(response, HttpServletResponse.SC_UNAUTHORIZED, Collections.singletonMap("error", "not logged in"));
            return;
        }
        Optional<OperatorAssignment> assignment = state.assignment(request.getParameter("org"));
        if (!assignment.isPresent()) {
            write(response, HttpServletResponse.SC_FORBIDDEN,
                    Collections.singletonMap("error", "no ChatHub operator for this user in that organization"));
            return;
        }
        // A page renewing its panel must not be handed back the token it is replacing.
        Optional<PanelState.Panel> panel = state.panel(assignment.get(), state.runtime().config().page().browserRenewBefore());
        if (!panel.isPresent()) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Collections.singletonMap("error", "ChatHub is unavailable"));
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("token", panel.get().token().token());
        body.put("expiresAt", panel.get().token().expiresAt().toString());
        write(response, HttpServletResponse.SC_OK, body);
    }

    /** Whether the request comes from the application's own pages (or straight from the user), as far as told. */
    static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader("Origin");
        return origin == null || isOwnOrigin(origin, request);
    }

    /** Whether an Origin header names scheme, host and port of the request as the application sees it. */
    private static boolean isOwnOrigin(String origin, HttpServletRequest request) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        // "null" (a sandboxed or opaque origin) has no scheme and no host.
        String scheme = uri.getScheme();
        String host = uri.getHost();
        return scheme != null && host != null && uri.getRawPath().isEmpty()
                && scheme.equalsIgnoreCase(request.getScheme())
                && host.equalsIgnoreCase(request.getServerName())
                && port(uri.getPort(), scheme) == port(request.getServerPort(), request.getScheme());
    }

    private static int port(int port, String scheme) {
        if (port > 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /**
     * Removes the CORS headers a filter before ours may have set (a credentialed CORS filter over {@code /api/*}):
     * a token must not be readable by another origin.
     *
     * @return false when they could not be removed because the response is already committed
     */
    private static boolean removeCorsHeaders(HttpServletResponse response) {
        boolean found = false;
        for (String name : response.getHeaderNames()) {
            found |= isCors(name);
        }
        if (!found) {
            return true;
        }
        if (response.isCommitted()) {
            return false;
        }
        // A Servlet 6.0 container (Tomcat 10.1) ignores setHeader(name, null): reset() is the one portable way to
        // drop a header, so every other header, cookies among them, is put back.
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            if (!isCors(name)) {
                kept.put(name, new ArrayList<>(response.getHeaders(name)));
            }
        }
        response.reset();
        for (Map.Entry<String, List<String>> header : kept.entrySet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        return true;
    }

    private static boolean isCors(String headerName) {
        return headerName.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length());
    }

    private static void write(HttpServletResponse response, int status, Map<String, String> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
