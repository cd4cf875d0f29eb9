package com.smsbat.chathub.internal.endpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smsbat.chathub.internal.runtime.PanelState;
import com.smsbat.chathub.resolver.OperatorAssignment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/chathub/token[?org=…]} → {@code {"token":"…","expiresAt":"…"}} for the logged-in user:
 * the shape the ChatHub documentation's browser snippets read. Never cached by browsers or proxies,
 * never readable cross-origin (no CORS header), and no upstream call for requests it must refuse.
 */
public final class TokenEndpoint {

    public static final int RETRY_AFTER_SECONDS = 5;
    /*
     * Jackson's default buffer pool is a ThreadLocal: it would leave a buffer of the application's Jackson in
     * each container thread that served the endpoint, pinning the undeployed application in memory (Tomcat's
     * findleaks lists it). Without recycling, each answer allocates its buffers afresh (Jackson 2.9's API: the
     * application's own Jackson may be that old).
     */
    // JsonFactory.disable is deprecated since 2.10, whose builder replaces it; 2.9 has no builder.
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
        Optional<PanelState.Panel> panel = state.panel(assignment.get(), state.runtime().config().browserRenewBefore());
        if (!panel.isPresent()) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Collections.singletonMap("error", "ChatHub is unavailable"));
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("token", panel.get().token().token());
        body.put("expiresAt", panel.get().token().expiresAt().toString());
        write(response, HttpServletResponse.SC_OK, body);
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
