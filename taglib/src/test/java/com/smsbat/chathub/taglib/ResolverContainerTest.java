package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.LogCapture;
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
import java.util.logging.Level;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code session} and custom-class resolvers, with users who log in through the application's own session-based
 * login ({@code chathub.user.session-attribute}); and the {@code directory} resolver, which needs container roles, with
 * BASIC users whose name to match the application's login puts into the session ({@code displayName}).
 */
class ResolverContainerTest {

    private static ChatHubSandbox sandbox;
    private static TestContainer session;
    private static TestContainer directory;
    private static TestContainer custom;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        session = deploy("/session", Map.of("chathub.operator.resolver", "session", "chathub.debug", "*"));
        directory = deployDirectory();
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

    private static TestContainer deployDirectory() {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.operator.resolver", "directory");
        settings.put("chathub.operator.name-attribute", "displayName");
        settings.put("chathub.role", "operator");
        TestWebapp app = TestWebapp.create().contextPath("/directory")
                .webXml(ChatHubApps.contextParams(settings) + ChatHubApps.SESSION_LOGIN + SECURE_LOGIN + TestWebapp.SECURE_BASIC)
                .file("secure/page.jsp", page(widget()));
        for (String user : List.of("jsmith", "wchen", "kelvin", "impostor")) {
            app.user(user, "pw", "operator");
        }
        return TestContainer.start(app);
    }

    /** The application's login inside the BASIC-protected part, so that it knows the user. */
    private static final String SECURE_LOGIN = """
              <servlet-mapping><servlet-name>login</servlet-name><url-pattern>/secure/login</url-pattern></servlet-mapping>
            """;

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

    /** {@code user}'s page after the application put {@code name} into the session as the name to match. */
    private static String directoryPage(String user, String name) {
        TestHttp browser = TestHttp.as(user, "pw");
        assertEquals(200, browser.get(directory.uri("/secure/login?name=" + q(name))).statusCode());
        return browser.get(directory.uri("/secure/page.jsp")).body();
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
    void aUserNameWithALineBreakCannotForgeALogLine() {
        try (LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO)) {
            pageAfterLogin(session, "user=" + q("mallory\r\nSEVERE: ChatHub operator 101 is now mallory's"));

            List<String> lines = log.messages(Level.INFO, "ChatHub for user \"mallory");
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("ChatHub for user \"mallory\\u000D\\u000ASEVERE: ChatHub operator"),
                    lines.get(0));
            assertFalse(lines.get(0).contains("\n") || lines.get(0).contains("\r"), lines.get(0));
        }
    }

    @Test
    void directoryResolverFindsAnActiveOperatorByDisplayName() {
        String html = directoryPage("jsmith", "john smith");

        assertEquals(1, scripts(html).size(), html);
    }

    @Test
    void directoryResolverIgnoresInactiveOperators() {
        String html = directoryPage("wchen", "Wei Chen");

        assertEquals(0, scripts(html).size(), html);
    }

    @Test
    void directoryResolverDoesNotTakeAKelvinSignForTheLetterK() {
        String html = directoryPage("kelvin", "Olena \u212Aovalenko");

        assertEquals(0, scripts(html).size(), html);
    }

    @Test
    void directoryResolverGivesAnOperatorToTheFirstUserOnlyAndWarnsOnceNamingBoth() {
        assertEquals(1, scripts(directoryPage("jsmith", "John Smith")).size());
        try (LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO)) {
            String first = directoryPage("impostor", "john smith");
            String again = directoryPage("impostor", "John Smith");

            assertEquals(0, scripts(first).size(), first);
            assertEquals(0, scripts(again).size(), again);
            List<String> warnings = log.messages(Level.WARNING, "ChatHub panel refused");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("user \"impostor\" matches operator 101 of organization 24, which the"
                    + " directory resolver already gave to user \"jsmith\""), warnings.get(0));
        }
        assertEquals(1, scripts(directoryPage("jsmith", "John Smith")).size());
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
