package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code session}, {@code directory} and custom-class resolvers, with users who log in through the
 * application's own session-based login ({@code chathub.user.session-attribute}).
 */
class ResolverContainerTest {

    private static ChatHubSandbox sandbox;
    private static TestContainer session;
    private static TestContainer directory;
    private static TestContainer custom;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        session = deploy("/session", Map.of("chathub.operator.resolver", "session"));
        directory = deploy("/directory", Map.of("chathub.operator.resolver", "directory",
                "chathub.operator.name-attribute", "displayName"));
        custom = deploy("/custom", Map.of("chathub.operator.resolver", FixedResolver.class.getName()));
    }

    private static TestContainer deploy(String path, Map<String, String> resolverSettings) {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.user.session-attribute", "user");
        settings.putAll(resolverSettings);
        return TestContainer.start(TestWebapp.create().contextPath(path)
                .webXml(ChatHubApps.contextParams(settings) + ChatHubApps.SESSION_LOGIN)
                .file("page.jsp", page(widget())));
    }

    @AfterAll
    static void stop() {
        for (TestContainer container : List.of(session, directory, custom)) {
            container.close();
        }
        sandbox.close();
    }

    private static String pageAfterLogin(TestContainer container, String query) {
        TestHttp browser = TestHttp.anonymous();
        assertEquals(200, browser.get(container.uri("/login?" + query)).statusCode());
        return browser.get(container.uri("/page.jsp")).body();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void sessionResolverReadsTheOperatorIdTheApplicationStored() {
        String html = pageAfterLogin(session, "user=kim&operator=" + q("31:201"));

        assertEquals(1, scripts(html).size(), html);
    }

    @Test
    void sessionResolverWithoutOperatorInTheSessionGivesTheFallback() {
        String html = pageAfterLogin(session, "user=kim");

        assertTrue(html.contains(FALLBACK), html);
    }

    @Test
    void sessionUserWithoutLoginGetsTheFallback() {
        String html = TestHttp.anonymous().get(session.uri("/page.jsp")).body();

        assertTrue(html.contains(FALLBACK), html);
    }

    @Test
    void directoryResolverFindsAnActiveOperatorByDisplayName() {
        String html = pageAfterLogin(directory, "user=jsmith&name=" + q("john smith"));

        assertEquals(1, scripts(html).size(), html);
    }

    @Test
    void directoryResolverIgnoresInactiveOperators() {
        String html = pageAfterLogin(directory, "user=wchen&name=" + q("Wei Chen"));

        assertTrue(html.contains(FALLBACK), html);
    }

    @Test
    void customResolverClassDecidesWhoIsAnOperator() {
        assertEquals(1, scripts(pageAfterLogin(custom, "user=ops-anna")).size());
        assertTrue(pageAfterLogin(custom, "user=visitor").contains(FALLBACK));
    }

    @Test
    void failingCustomResolverCostsThePanelNotThePage() {
        assertTrue(pageAfterLogin(custom, "user=broken").contains(FALLBACK));
    }
}
