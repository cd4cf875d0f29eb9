package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.LogCapture;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An administrator whose pages show the fallback finds, once per application, a warning saying why ChatHub is
 * off there and what to change: for a filter the container left out, {@code chathub.enabled=false}, missing
 * credentials, and an invalid setting with {@code chathub.fail-on-invalid-config=false}.
 */
class WhyNotContainerTest {

    /** The warnings logged while john opens a page twice and calls the token endpoint once. */
    private static List<String> warningsWhileUsing(Map<String, String> overrides, String extraWebXml) {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start();
             LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO);
             TestContainer container = TestContainer.start(app(sandbox, overrides, extraWebXml))) {
            TestHttp john = TestHttp.as("john", "pw");
            List<String> beforeAnyPage = log.messages(Level.WARNING, "so pages show their fallback");
            String html = john.get(container.uri("/secure/page.jsp")).body();
            john.get(container.uri("/secure/page.jsp"));
            john.get(container.uri("/api/chathub/token"));
            assertTrue(html.contains(FALLBACK), html);
            assertEquals(List.of(), beforeAnyPage);
            return log.messages(Level.WARNING, "so pages show their fallback");
        }
    }

    private static TestWebapp app(ChatHubSandbox sandbox, Map<String, String> overrides, String extraWebXml) {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.putAll(overrides);
        settings.values().removeIf(String::isEmpty);
        return ChatHubApps.withPage(ChatHubApps.app(settings, extraWebXml), "page.jsp", page(widget())).isolatedLibrary();
    }

    private static void assertOneWarning(List<String> warnings, String reason, String fix) {
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("ChatHub panels are off in /app, so pages show their fallback: " + reason),
                warnings.get(0));
        assertTrue(warnings.get(0).contains(". Fix: " + fix), warnings.get(0));
    }

    @Test
    void filterLeftOutByTheContainerIsExplainedOnce() {
        assertOneWarning(warningsWhileUsing(Map.of(), "  <absolute-ordering/>\n"),
                "the chathub filter is not running",
                "name \"chathub\" in <absolute-ordering>, or declare the filter in web.xml");
    }

    @Test
    void disabledLibraryIsExplainedOnce() {
        assertOneWarning(warningsWhileUsing(Map.of("chathub.enabled", "false"), ""),
                "chathub.enabled=false", "remove chathub.enabled or set it to true");
    }

    @Test
    void missingCredentialsAreExplainedOnce() {
        assertOneWarning(warningsWhileUsing(Map.of("chathub.login", "", "chathub.password", ""), ""),
                "no company credentials", "set chathub.login and chathub.password, or chathub.company.token");
    }

    @Test
    void invalidSettingToleratedByFailOnInvalidConfigIsExplainedOnce() {
        assertOneWarning(warningsWhileUsing(Map.of("chathub.wait", "soon", "chathub.fail-on-invalid-config", "false"), ""),
                "chathub.wait=\"soon\" is invalid: must be a positive ISO-8601 duration",
                "correct that setting; chathub.fail-on-invalid-config=false is why the application started without panels");
    }

    @Test
    void tokenEndpointAskedFirstGivesTheSameSingleWarning() {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start();
             LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO);
             TestContainer container = TestContainer.start(app(sandbox, Map.of("chathub.enabled", "false"), ""))) {
            TestHttp.as("john", "pw").get(container.uri("/api/chathub/token"));
            assertEquals(1, log.messages(Level.WARNING, "so pages show their fallback: chathub.enabled=false").size());

            TestHttp.as("john", "pw").get(container.uri("/secure/page.jsp"));
            assertEquals(1, log.messages(Level.WARNING, "so pages show their fallback").size());
        }
    }
}
