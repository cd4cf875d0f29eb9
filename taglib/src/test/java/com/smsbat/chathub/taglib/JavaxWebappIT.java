package com.smsbat.chathub.taglib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.internal.rendering.RenewalModule;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The javax variant as a Servlet 4.0 application uses it: the javax jar in {@code WEB-INF/lib} of a JSP
 * webapp on Jetty 12 ee8 or Tomcat 9 (one per surefire execution, after package), against a sandbox.
 */
class JavaxWebappIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** BASIC login on the token endpoint too: containers only authenticate on constrained paths. */
    private static final String WEB_XML = """
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>token</web-resource-name>
                  <url-pattern>/api/chathub/token</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>operator</role-name></auth-constraint>
              </security-constraint>
              <servlet><servlet-name>plain</servlet-name><servlet-class>com.smsbat.chathub.taglib.JavaxPageServlet</servlet-class></servlet>
              <servlet-mapping><servlet-name>plain</servlet-name><url-pattern>/secure/plain</url-pattern></servlet-mapping>
            """;

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.inject", "true");
        var app = ChatHubApps.app(settings, WEB_XML);
        ChatHubApps.withPage(app, "page.jsp", page(widget()));
        app.file("secure/token.jsp", ChatHubApps.PAGE_DIRECTIVE + ChatHubApps.TAGLIB
                + "<chathub:token var=\"t\"/>operator=${t.operatorId};org=${t.organizationId}");
        container = TestContainer.start(app);
    }

    @AfterAll
    static void stop() {
        container.close();
        sandbox.close();
    }

    private static HttpResponse<String> get(TestHttp http, String path) {
        HttpResponse<String> response = http.get(container.uri(path));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static Long operatorOf(String token) {
        return ChatHubClient.builder().baseUri(sandbox.baseUri()).credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD)
                .build().validateToken(token).operatorId();
    }

    @Test
    void widgetTagWritesTheMappedUsersPanel() {
        String html = get(TestHttp.as("john", "pw"), "/secure/page.jsp").body();

        List<ChatHubApps.ScriptTag> scripts = scripts(html);
        assertEquals(1, scripts.size(), html);
        assertEquals(sandbox.widgetScriptUri().toString(), scripts.get(0).src());
        assertEquals(101L, operatorOf(scripts.get(0).token()));
    }

    @Test
    void widgetTagWritesItsBodyForAnonymousUsers() {
        String html = get(TestHttp.anonymous(), "/page.jsp").body();

        assertTrue(html.contains(FALLBACK), html);
        assertEquals(List.of(), scripts(html));
    }

    @Test
    void tokenTagPutsTheTokenWithinReachOfTheContainersExpressionLanguage() {
        assertEquals("operator=101;org=24", get(TestHttp.as("john", "pw"), "/secure/token.jsp").body().strip());
    }

    @Test
    void tokenEndpointAnswersTheLoggedInUserWithTheTokenAsJson() throws IOException {
        HttpResponse<String> response = get(TestHttp.as("john", "pw"), "/api/chathub/token");

        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertEquals(101L, operatorOf(body.path("token").asText()));
        assertTrue(Instant.parse(body.path("expiresAt").asText()).isAfter(Instant.now()), response.body());
    }

    /** {@code chathub.user} on the container's own EL (3.0 on Tomcat 8.5 and Jetty 9.4), through the jar's javax.el. */
    @Test
    void userNamedByAnExpressionOverAProxysHeaderGetsTheirPanel() {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.user", "${header['X-Remote-User']}");
        try (TestContainer proxied = TestContainer.start(TestWebapp.create().contextPath("/proxied")
                .webXml(ChatHubApps.contextParams(settings))
                .file("WEB-INF/chathub-operators.properties", ChatHubApps.MAPPING)
                .file("page.jsp", page(widget())))) {
            TestHttp http = TestHttp.anonymous();
            String html = http.send(http.request(proxied.uri("/page.jsp")).header("X-Remote-User", "john").build()).body();

            assertEquals(101L, operatorOf(scripts(html).get(0).token()), html);
        }
    }

    @Test
    void renewalModuleIsServedFromTheJarAtTheAddressPagesLoad() {
        String html = get(TestHttp.as("john", "pw"), "/secure/page.jsp").body();
        Matcher module = Pattern.compile("src=\"/[^/\"]+(/chathub/token-renewal\\.[0-9a-f]{20}\\.js)#").matcher(html);
        assertTrue(module.find(), html);

        String served = get(TestHttp.anonymous(), module.group(1)).body();

        assertEquals(new String(RenewalModule.content(), StandardCharsets.UTF_8), served);
    }

    @Test
    void zeroTouchInjectionPutsThePanelIntoAPlainServletPage() {
        String html = get(TestHttp.as("john", "pw"), "/secure/plain").body();

        List<ChatHubApps.ScriptTag> scripts = scripts(html);
        assertEquals(1, scripts.size(), html);
        assertEquals(101L, operatorOf(scripts.get(0).token()));
        assertTrue(html.contains(JavaxPageServlet.MAIN), html);
        assertTrue(html.indexOf("operator-chat-panel-script") < html.lastIndexOf("</body>"), html);
        assertFalse(html.contains(FALLBACK), html);
    }
}
