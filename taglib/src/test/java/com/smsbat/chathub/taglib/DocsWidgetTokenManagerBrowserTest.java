package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.TokenValidation;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.Closing;
import com.smsbat.chathub.testing.TestContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ChatHub docs' own {@code WidgetTokenManager} snippet, unchanged, against our real token endpoint
 * (at {@code /api/chathub/token}, hence a root context): a check of the endpoint's shape. The widget URL
 * the snippet loads does not resolve in the test browser; what counts is the panel script it writes.
 */
class DocsWidgetTokenManagerBrowserTest {

    private static ChatHubSandbox sandbox;
    private static TestContainer container;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.user.session-attribute", "user");
        container = TestContainer.start(ChatHubApps.app(settings, ChatHubApps.SESSION_LOGIN).contextPath("")
                .file("docs-widget-token-manager.html", RenewalTestWebapp.resource("docs-widget-token-manager.html")));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(browser, container, sandbox);
    }

    @Test
    void docsSnippetPutsUpThePanelWithATokenOfTheLoggedInOperator() {
        browser.open(container.uri("/login?user=john"));
        browser.open(container.uri("/docs-widget-token-manager.html"));

        Object[] panel = new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> {
            Object found = browser.driver().executeScript("""
                    const s = document.getElementById('operator-chat-panel-script');
                    return s && [s.getAttribute('token'), s.src];""");
            return found == null ? null : ((List<?>) found).toArray();
        });

        TokenValidation validation = ChatHubClient.builder().baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build().validateToken((String) panel[0]);
        assertTrue(validation.valid());
        assertEquals(101L, validation.operatorId());
        assertEquals("https://widget.smsbat.com/operator-chat-panel/widget-script.js", panel[1]);
    }
}
