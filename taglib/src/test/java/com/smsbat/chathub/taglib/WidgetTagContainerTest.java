package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.TokenValidation;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.visible;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code <chathub:widget/>} in JSPs compiled by the container's own Jasper, against a sandbox over HTTP. */
class WidgetTagContainerTest {

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.fallback", "<p class=\"configured\">Call us</p>");
        var app = ChatHubApps.app(settings, """
                  <filter><filter-name>nonce</filter-name><filter-class>com.smsbat.chathub.taglib.NonceFilter</filter-class></filter>
                  <filter-mapping><filter-name>nonce</filter-name><url-pattern>/secure/nonce.jsp</url-pattern></filter-mapping>
                """);
        ChatHubApps.withPage(app, "page.jsp", page(widget()));
        ChatHubApps.withPage(app, "cached.jsp", page("<% response.setHeader(\"Cache-Control\", \"max-age=60\"); %>"
                + widget()));
        ChatHubApps.withPage(app, "token-cached.jsp", ChatHubApps.PAGE_DIRECTIVE + ChatHubApps.TAGLIB
                + "<% response.setHeader(\"Cache-Control\", \"public, max-age=60\"); %><chathub:token var=\"t\"/>${t.token}");
        ChatHubApps.withPage(app, "twice.jsp", page(widget() + "<div>middle</div>" + widget()));
        ChatHubApps.withPage(app, "two-orgs.jsp", page(
                "<chathub:widget organization=\"24\"/><chathub:widget organization=\"Sales\"/>"));
        ChatHubApps.withPage(app, "empty-body.jsp", page("<chathub:widget/>"));
        ChatHubApps.withPage(app, "nonce.jsp", page(widget()));
        ChatHubApps.withPage(app, "loading.jsp", page(
                "<chathub:widget renew=\"false\" loading=\"Loading 'chat' & more\">" + FALLBACK + "</chathub:widget>"));
        ChatHubApps.withPage(app, "hostile-org.jsp", page(
                "<chathub:widget organization=\"&quot;onload=alert(1) <x>\">" + FALLBACK + "</chathub:widget>"));
        ChatHubApps.withPage(app, "hostile-nonce.jsp", page("<chathub:widget nonce='\"><script>alert(1)</script>'/>"));
        ChatHubApps.withPage(app, "token.jsp", ChatHubApps.PAGE_DIRECTIVE + ChatHubApps.TAGLIB
                + "<chathub:token var=\"t\"/>operator=${t.operatorId};org=${t.organizationId};expires=${t.expiresAt};"
                + "${empty t.token ? 'none' : 'token'}");
        app.file("WEB-INF/tags/fails.tag", "<%@ tag body-content=\"empty\" %><% if (true) { "
                + "throw new jakarta.servlet.jsp.JspException(\"the fallback failed\"); } %>");
        ChatHubApps.withPage(app, "failing-body.jsp", page("<%@ taglib prefix=\"t\" tagdir=\"/WEB-INF/tags\" %>"
                + "<chathub:widget><t:fails/></chathub:widget>"));
        container = TestContainer.start(app);
    }

    @AfterAll
    static void stop() {
        container.close();
        sandbox.close();
    }

    private static String get(String user, String path) {
        HttpResponse<String> response = TestHttp.as(user, "pw").get(container.uri("/secure/" + path));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void aBodyThatFailsFailsThePageLikeAnyOtherJspError() {
        HttpResponse<String> response = TestHttp.as("john", "pw").get(container.uri("/secure/failing-body.jsp"));

        assertEquals(500, response.statusCode(), response.body());
        assertFalse(response.body().contains("token=\""), response.body());
    }

    @Test
    void loggedInMappedUserGetsOneScriptTagWithATokenChatHubAccepts() {
        String html = get("john", "page.jsp");

        List<ChatHubApps.ScriptTag> scripts = scripts(html);
        assertEquals(1, scripts.size(), html);
        assertEquals("operator-chat-panel-script", scripts.get(0).id());
        assertEquals(sandbox.widgetScriptUri().toString(), scripts.get(0).src());
        TokenValidation validation = ChatHubClient.builder().baseUri(sandbox.baseUri())
                .credentials("sandbox", "sandbox").build().validateToken(scripts.get(0).token());
        assertTrue(validation.valid());
        assertEquals(101L, validation.operatorId());
        assertFalse(visible(html).contains("fallback"), html);
    }

    @Test
    void anonymousUserGetsTheFallbackWithoutAnyCallToChatHub() {
        int before = totalCalls();

        String html = TestHttp.anonymous().get(container.uri("/page.jsp")).body();

        assertTrue(html.contains(FALLBACK), html);
        assertTrue(scripts(html).isEmpty(), html);
        assertEquals(before, totalCalls());
    }

    @Test
    void pageWithAPanelIsKeptOutOfSharedCachesAndKeepsItsOwnDirectives() {
        HttpResponse<String> response = TestHttp.as("john", "pw").get(container.uri("/secure/cached.jsp"));

        assertEquals(1, scripts(response.body()).size(), response.body());
        assertEquals(List.of("max-age=60, private"), response.headers().allValues("Cache-Control"));
        assertEquals(List.of("no-store"), response.headers().allValues("Surrogate-Control"));
        assertEquals(List.of("no-store"), response.headers().allValues("CDN-Cache-Control"));
    }

    @Test
    void pageWithATokenFromTheTokenTagIsPrivateInsteadOfPublic() {
        HttpResponse<String> response = TestHttp.as("john", "pw").get(container.uri("/secure/token-cached.jsp"));

        assertTrue(response.body().startsWith("ey"), response.body());
        assertEquals(List.of("private, max-age=60"), response.headers().allValues("Cache-Control"));
        assertEquals(List.of("no-store"), response.headers().allValues("CDN-Cache-Control"));
    }

    @Test
    void anonymousPageWithoutATokenKeepsItsHeadersUntouched() {
        HttpResponse<String> response = TestHttp.anonymous().get(container.uri("/cached.jsp"));

        assertTrue(scripts(response.body()).isEmpty(), response.body());
        assertEquals(List.of("max-age=60"), response.headers().allValues("Cache-Control"));
        assertTrue(response.headers().firstValue("Surrogate-Control").isEmpty());
        assertTrue(response.headers().firstValue("CDN-Cache-Control").isEmpty());
    }

    @Test
    void userWithoutOperatorGetsTheFallback() {
        String html = get("nobody", "page.jsp");

        assertTrue(html.contains(FALLBACK), html);
        assertTrue(scripts(html).isEmpty(), html);
    }

    @Test
    void operatorChatHubRefusesATokenForGetsTheFallback() {
        String html = get("inactive", "page.jsp");

        assertTrue(html.contains(FALLBACK), html);
        assertTrue(scripts(html).isEmpty(), html);
    }

    @Test
    void tagWithEmptyBodyFallsBackToTheConfiguredFallback() {
        String html = get("nobody", "empty-body.jsp");

        assertTrue(html.contains("<p class=\"configured\">Call us</p>"), html);
    }

    @Test
    void tagUsedTwiceOnAPageWritesOnePanelAndNoFallback() {
        String html = get("john", "twice.jsp");

        assertEquals(1, scripts(html).size(), html);
        assertFalse(visible(html).contains("fallback"), html);
    }

    @Test
    void twoOrganizationsOnOnePageGetTwoPanelsWithDistinctIds() {
        String html = get("multi", "two-orgs.jsp");

        List<ChatHubApps.ScriptTag> scripts = scripts(html);
        assertEquals(List.of("operator-chat-panel-script-24", "operator-chat-panel-script-31"),
                scripts.stream().map(ChatHubApps.ScriptTag::id).toList(), html);
        assertFalse(scripts.get(0).token().equals(scripts.get(1).token()));
    }

    @Test
    void cspNonceOfTheRequestIsWrittenOnEveryScriptTag() {
        String html = get("john", "nonce.jsp");

        assertTrue(scripts(html).get(0).rest().contains(" nonce=\"" + NonceFilter.NONCE + "\""), html);
        assertTrue(html.matches("(?s).*/chathub/token-renewal\\.[0-9a-f]{20}\\.js#[^\"]*\" nonce=\"" + NonceFilter.NONCE + "\".*"), html);
    }

    @Test
    void renewingPanelTellsTheBrowserHowOftenToCheckTheSignIn() {
        String html = get("john", "page.jsp");

        assertTrue(scripts(html).get(0).rest().contains(" data-chathub-check=\"PT1M\""), html);
    }

    @Test
    void browserModuleComesFirstThenLoadingTextPanelAndFallbackEvenWithoutRenewal() {
        String html = get("john", "loading.jsp");

        int module = html.indexOf("/chathub/token-renewal.");
        int loading = html.indexOf("<span class=\"chathub-loading\" role=\"status\" "
                + "data-chathub-loading-for=\"operator-chat-panel-script\">Loading &#39;chat&#39; &amp; more</span>"
                + "<script type=\"module\" id=\"operator-chat-panel-script\"");
        assertTrue(module >= 0 && module < loading, html);
        assertTrue(html.contains("></script><template data-chathub-fallback-for=\"operator-chat-panel-script\">"
                + FALLBACK), html);
        assertFalse(html.contains("data-chathub-token-url"), html);
    }

    @Test
    void hostileOrganizationNameCannotEscapeItsAttributeAndGetsTheFallback() {
        String html = get("john", "hostile-org.jsp");

        assertFalse(html.contains("onload=alert"), html);
        assertTrue(html.contains(FALLBACK), html);
    }

    @Test
    void hostileNonceIsEncodedInsideItsAttribute() {
        String html = get("john", "hostile-nonce.jsp");

        assertFalse(html.contains("<script>alert(1)"), html);
        assertTrue(html.contains("nonce=\"&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), html);
    }

    @Test
    void tokenTagExposesTheTokenForCustomMarkup() {
        String body = get("john", "token.jsp").strip();

        assertTrue(body.matches("operator=101;org=24;expires=\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z;token"), body);
    }

    @Test
    void tokenTagLeavesTheVariableEmptyForAnonymousUsers() {
        String body = TestHttp.anonymous().get(container.uri("/token.jsp")).body().strip();

        assertEquals("operator=;org=;expires=;none", body);
    }

    private static int totalCalls() {
        int total = 0;
        for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
            total += sandbox.calls(endpoint);
        }
        return total;
    }
}
