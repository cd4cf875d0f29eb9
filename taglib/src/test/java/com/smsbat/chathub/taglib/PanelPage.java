package com.smsbat.chathub.taglib;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A back-office page laid out as the panel tag writes it, for the renewal module's browser tests:
 * {@code /panels?orgs=24,25&lifetime=6&renewBefore=PT4S[&check=PT1M]}. One organization is the user's default
 * ({@link ScriptedTokenEndpoint#DEFAULT_ORGANIZATION}) and gets the plain panel id, several get suffixed ids, as the
 * tag writes them with and without {@code organization}. Each panel sits in its own {@code <section id="chat-ORG">}
 * followed by its fallback template. Scripts run under a nonce-only CSP, as on the tag's pages; the module is the
 * shipped one, with the settings the tag writes into its address.
 */
public final class PanelPage extends HttpServlet {

    static final String NONCE = "cmVuZXdhbC10ZXN0LW5vbmNl";
    static final String PANEL = "operator-chat-panel-script";
    /** Where {@link RenewalTestWebapp} serves the shipped module. */
    static final String MODULE = "/chathub/token-renewal.test.js";

    static String panelId(String org, int panels) {
        return panels == 1 ? PANEL : PANEL + "-" + org;
    }

    static String initialToken(String org) {
        return "e30.org" + org + "-page.c2ln";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> orgs = Arrays.stream(request.getParameter("orgs").split(","))
                .map(org -> Integer.toString(Integer.parseInt(org.strip())))
                .toList();
        Instant expiresAt = Instant.now().plusSeconds(Long.parseLong(request.getParameter("lifetime")));
        Duration renewBefore = Duration.parse(request.getParameter("renewBefore"));
        String context = request.getContextPath();
        String panels = orgs.stream().map(org -> """
                <section id="chat-%1$s">
                <script type="module" id="%2$s" src="%3$s/fake-widget.js" token="%4$s" nonce="%5$s"
                        data-chathub-expires-at="%6$s"
                        data-chathub-token-url="%3$s/api/chathub/token%9$s"
                        data-chathub-renew-before="%7$s" data-chathub-check="%8$s"></script>
                <template data-chathub-fallback-for="%2$s"><p class="fallback" data-for="%2$s">Chat is unavailable, call us.</p></template>
                </section>
                """.formatted(org, panelId(org, orgs.size()), context, initialToken(org), NONCE, expiresAt, renewBefore,
                        Objects.requireNonNullElse(request.getParameter("check"), "PT1M"),
                        orgs.size() == 1 ? "" : "?org=" + org))
                .collect(Collectors.joining());
        String module = context + MODULE + "#w=" + encode(context + "/fake-widget.js")
                + "&e=" + encode(context + "/api/chathub/token");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; script-src 'nonce-" + NONCE + "'; object-src 'none'; base-uri 'none'");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Back office</title></head>
                <body>
                <h1>Back office</h1>
                <script type="module" src="%1$s/test-events.js" nonce="%2$s"></script>
                <script type="module" src="%3$s" nonce="%2$s"></script>
                %4$s
                </body>
                </html>
                """.formatted(context, NONCE, module, panels));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
