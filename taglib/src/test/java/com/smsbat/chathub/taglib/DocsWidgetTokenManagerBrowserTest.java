package com.smsbat.chathub.taglib;

import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.TestContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static com.smsbat.chathub.taglib.ScriptedTokenEndpoint.organization;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ChatHub docs' own {@code WidgetTokenManager} snippet, unchanged, reads an endpoint of our shape
 * ({@code {"token","expiresAt"}} at {@code /api/chathub/token}, hence a root context). The widget URL it
 * loads does not resolve in the test browser; what counts is the panel script it writes.
 */
class DocsWidgetTokenManagerBrowserTest {

    private static TestContainer container;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        ScriptedTokenEndpoint.reset();
        container = TestContainer.start(RenewalTestWebapp.create().contextPath(""));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (container != null) {
            container.close();
        }
    }

    @Test
    void docsSnippetPutsUpThePanelWithTheEndpointsToken() {
        // The harness writes root-context URIs with a doubled slash.
        browser.open(container.uri("").resolve("/docs-widget-token-manager.html"));

        Object[] panel = new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> {
            Object found = browser.driver().executeScript("""
                    const s = document.getElementById('operator-chat-panel-script');
                    return s && [s.getAttribute('token'), s.src];""");
            return found == null ? null : ((List<?>) found).toArray();
        });

        assertEquals(organization("").issued(), List.of(panel[0]));
        assertEquals("https://widget.smsbat.com/operator-chat-panel/widget-script.js", panel[1]);
    }
}
