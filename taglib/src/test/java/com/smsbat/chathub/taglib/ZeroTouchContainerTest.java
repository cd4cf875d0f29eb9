package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code chathub.inject=true} through the real filter: pages nobody edited get the panel, others stay as written. */
class ZeroTouchContainerTest {

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.inject", "true");
        settings.put("chathub.inject.exclude", "/secure/export/*");
        var app = ChatHubApps.app(settings, """
                  <servlet><servlet-name>plain</servlet-name><servlet-class>com.smsbat.chathub.taglib.PlainPageServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>plain</servlet-name>
                    <url-pattern>/plain</url-pattern><url-pattern>/secure/plain</url-pattern><url-pattern>/secure/export/plain</url-pattern>
                  </servlet-mapping>
                """);
        container = TestContainer.start(ChatHubApps.withPage(ChatHubApps.withPage(app, "tagged.jsp", page(widget())),
                "tagged-long.jsp", page("<p>A list long enough that the container may commit before the tag.</p>\n".repeat(60)
                        + widget())));
    }

    @AfterAll
    static void stop() {
        container.close();
        sandbox.close();
    }

    private static HttpResponse<String> get(String user, String path) {
        return TestHttp.as(user, "pw").get(container.uri(path));
    }

    @Test
    void servletPrintedPageOfAnOperatorGetsThePanelBeforeBodyEnd() {
        HttpResponse<String> response = get("john", "/secure/plain");

        String html = response.body();
        List<ChatHubApps.ScriptTag> scripts = scripts(html);
        assertEquals(1, scripts.size(), html);
        assertTrue(html.startsWith(PlainPageServlet.PAGE.substring(0, PlainPageServlet.PAGE.indexOf("</body>"))));
        assertTrue(html.endsWith("</script></body></html>"), html);
        assertEquals("1", response.headers().firstValue("X-ChatHub-Injected").orElse(""));
    }

    @Test
    void injectedPageIsKeptOutOfSharedCaches() {
        HttpResponse<String> response = get("john", "/secure/plain");

        assertEquals(1, scripts(response.body()).size(), response.body());
        assertEquals(List.of("private"), response.headers().allValues("Cache-Control"));
        assertEquals(List.of("no-store"), response.headers().allValues("Surrogate-Control"));
        assertEquals(List.of("no-store"), response.headers().allValues("CDN-Cache-Control"));
    }

    @Test
    void pageWithTheTagStillHasExactlyOnePanel() {
        String html = get("john", "/secure/tagged.jsp").body();

        assertEquals(1, scripts(html).size(), html);
    }

    @Test
    void longPageWhoseTagDrewThePanelDoesNotSayItWasInjected() {
        HttpResponse<String> response = get("john", "/secure/tagged-long.jsp");

        assertEquals(1, scripts(response.body()).size(), response.body());
        assertTrue(response.headers().firstValue("X-ChatHub-Injected").isEmpty());
    }

    @Test
    void anonymousPageIsExactlyWhatTheApplicationWrote() {
        HttpResponse<String> response = TestHttp.anonymous().get(container.uri("/plain"));

        assertEquals(PlainPageServlet.PAGE, response.body());
        assertTrue(response.headers().firstValue("X-ChatHub-Injected").isEmpty());
        assertTrue(response.headers().firstValue("Cache-Control").isEmpty());
        assertTrue(response.headers().firstValue("CDN-Cache-Control").isEmpty());
    }

    @Test
    void pageOfAUserWithoutOperatorIsExactlyWhatTheApplicationWrote() {
        HttpResponse<String> response = get("nobody", "/secure/plain");

        assertEquals(PlainPageServlet.PAGE, response.body());
        assertTrue(response.headers().firstValue("X-ChatHub-Injected").isEmpty());
    }

    @Test
    void excludedPathIsNeverInjected() {
        assertEquals(PlainPageServlet.PAGE, get("john", "/secure/export/plain").body());
    }
}
