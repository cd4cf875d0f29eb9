package com.smsbat.chathub.taglib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.internal.endpoint.TokenEndpoint;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/chathub/token}: the shape the ChatHub docs' snippets read, and every refusal. */
class TokenEndpointContainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        var settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.wait", "PT1S");
        // The application's own session login: BASIC credentials only count on constrained paths in Tomcat.
        settings.put("chathub.user.session-attribute", "user");
        // Declared in web.xml, the CORS filter runs before the library's, which its web-fragment.xml maps.
        container = TestContainer.start(ChatHubApps.app(settings, ChatHubApps.SESSION_LOGIN + """
                  <filter><filter-name>cors</filter-name>
                    <filter-class>com.smsbat.chathub.taglib.TokenEndpointContainerTest$CredentialedCorsFilter</filter-class></filter>
                  <filter-mapping><filter-name>cors</filter-name><url-pattern>/api/*</url-pattern></filter-mapping>
                """));
    }

    private static TestHttp loggedIn(String user) {
        TestHttp http = TestHttp.anonymous();
        assertEquals(200, http.get(container.uri("/login?user=" + user)).statusCode());
        return http;
    }

    @AfterEach
    void clearFaults() {
        SandboxFaults.of(sandbox).clear();
    }

    @AfterAll
    static void stop() {
        container.close();
        sandbox.close();
    }

    private static HttpResponse<String> get(TestHttp http, String query) {
        return http.get(container.uri("/api/chathub/token" + query));
    }

    /** The token asked for with these request headers, name and value in turn. */
    private static HttpResponse<String> getWith(TestHttp http, String... headers) {
        return http.send(http.request(container.uri("/api/chathub/token")).headers(headers).GET().build());
    }

    /** What the application's pages are served from, as the browser names it in {@code Origin}. */
    private static String ownOrigin() {
        URI page = container.uri("/");
        return page.getScheme() + "://" + page.getHost() + ":" + page.getPort();
    }

    private static void assertRefusedWithoutToken(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertFalse(response.body().contains("token"), response.body());
        assertTrue(response.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                response.headers().map().toString());
    }

    @Test
    void loggedInOperatorGetsTokenAndExpiryAsJson() throws Exception {
        HttpResponse<String> response = get(loggedIn("john"), "");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(OperatorToken.isJwtShaped(body.get("token").asText()));
        assertTrue(Instant.parse(body.get("expiresAt").asText()).isAfter(Instant.now()));
        assertEquals(2, body.size());
    }

    @Test
    void answersAreNeverCachedNorSniffedNorShared() {
        TestHttp john = loggedIn("john");
        HttpResponse<String> response = john.send(john.request(container.uri("/api/chathub/token"))
                .header("Origin", "https://evil.example").GET().build());

        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-cache", response.headers().firstValue("Pragma").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(response.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")));
    }

    @Test
    void crossSiteRequestIsRefusedWithoutATokenOrACallToChatHub() {
        int before = sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN);

        HttpResponse<String> response = getWith(loggedIn("john"),
                "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example");

        assertRefusedWithoutToken(response);
        assertEquals(before, sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN));
    }

    @Test
    void requestFromASiblingSubdomainIsRefused() {
        assertRefusedWithoutToken(getWith(loggedIn("john"),
                "Sec-Fetch-Site", "same-site", "Origin", "https://uploads.localhost"));
    }

    @Test
    void foreignOriginFromABrowserWithoutFetchMetadataIsRefused() {
        assertRefusedWithoutToken(getWith(loggedIn("john"), "Origin", "https://evil.example"));
    }

    @Test
    void opaqueOriginIsRefused() {
        assertRefusedWithoutToken(getWith(loggedIn("john"), "Origin", "null"));
    }

    @Test
    void sameOriginFetchGetsTheTokenWithoutTheCorsHeadersAnotherFilterSet() throws Exception {
        HttpResponse<String> response = getWith(loggedIn("john"), "Sec-Fetch-Site", "same-origin", "Origin", ownOrigin());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(OperatorToken.isJwtShaped(JSON.readTree(response.body()).get("token").asText()));
        assertTrue(response.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                response.headers().map().toString());
        assertEquals("Origin", response.headers().firstValue("Vary").orElse(""), "the filter's other headers stay");
    }

    @Test
    void ownOriginFromABrowserWithoutFetchMetadataGetsTheToken() {
        assertEquals(200, getWith(loggedIn("john"), "Origin", ownOrigin()).statusCode());
    }

    @Test
    void addressTypedIntoTheBrowserGetsTheToken() {
        assertEquals(200, getWith(loggedIn("john"), "Sec-Fetch-Site", "none").statusCode());
    }

    /** A credentialed CORS filter of the kind applications map over {@code /api/*}: it trusts any origin. */
    public static final class CredentialedCorsFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String origin = ((HttpServletRequest) request).getHeader("Origin");
            if (origin != null) {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("Access-Control-Allow-Origin", origin);
                http.setHeader("Access-Control-Allow-Credentials", "true");
                http.setHeader("Access-Control-Expose-Headers", "Retry-After");
                http.setHeader("Vary", "Origin");
            }
            chain.doFilter(request, response);
        }
    }

    @Test
    void organizationByNameOrIdSelectsThatOrganizationsOperator() throws Exception {
        String byName = JSON.readTree(get(loggedIn("multi"), "?org=Sales").body()).get("token").asText();
        String byId = JSON.readTree(get(loggedIn("multi"), "?org=31").body()).get("token").asText();

        assertEquals(byName, byId);
    }

    @Test
    void anonymousRequestIsUnauthorizedWithoutCallingChatHub() {
        int before = sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN) + sandbox.calls(SandboxEndpoint.ORGANIZATIONS);

        HttpResponse<String> response = get(TestHttp.anonymous(), "");

        assertEquals(401, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(before, sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN) + sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
    }

    @Test
    void userWithoutOperatorIsForbiddenWithoutCallingChatHub() {
        int before = sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN);

        HttpResponse<String> response = get(loggedIn("nobody"), "");

        assertEquals(403, response.statusCode());
        assertEquals(before, sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN));
    }

    @Test
    void unknownOrganizationAndForeignOrganizationGetTheSameAnswer() {
        HttpResponse<String> unknown = get(loggedIn("john"), "?org=NoSuchOrg");
        HttpResponse<String> foreign = get(loggedIn("john"), "?org=Sales");

        assertEquals(403, unknown.statusCode());
        assertEquals(403, foreign.statusCode());
        assertEquals(unknown.body(), foreign.body());
    }

    @Test
    void otherMethodsAreNotAllowed() {
        TestHttp john = loggedIn("john");
        HttpResponse<String> response = john.send(john.request(container.uri("/api/chathub/token"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void unavailableChatHubGives503WithRetryAfter() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.OPERATOR_TOKEN, 500, -1);

        HttpResponse<String> response = get(loggedIn("sales"), "");

        assertEquals(503, response.statusCode());
        assertEquals(String.valueOf(TokenEndpoint.RETRY_AFTER_SECONDS),
                response.headers().firstValue("Retry-After").orElse(""));
        assertFalse(response.body().contains("sandbox"));
    }
}
