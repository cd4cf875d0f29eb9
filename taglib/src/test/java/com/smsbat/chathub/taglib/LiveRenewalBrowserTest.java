package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.TestContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain in a real browser with short-lived tokens: tag, token endpoint, token cache, sandbox,
 * the sandbox's stand-in widget and the renewal module. Tokens live 20 s; the server refreshes them
 * 10 s before expiry and pages ask for a new one 5 s before.
 */
class LiveRenewalBrowserTest {

    private static final String PANEL = "[data-chathub-panel='operator-chat-panel-script']";

    private static ChatHubSandbox sandbox;
    private static TestContainer container;
    private Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.user.session-attribute", "user");
        settings.put("chathub.token.lifetime", "PT20S");
        settings.put("chathub.token.refresh-ahead", "PT10S");
        container = TestContainer.start(ChatHubApps.app(settings, ChatHubApps.SESSION_LOGIN)
                .file("page.jsp", ChatHubApps.page(ChatHubApps.widget())));
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private WebElement panelOf(String user) {
        browser.open(container.uri("/login?user=" + user));
        browser.open(container.uri("/page.jsp"));
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(driver -> {
            List<WebElement> ready = driver.findElements(By.cssSelector(PANEL + "[data-state='ready']"));
            return ready.isEmpty() ? null : ready.get(0);
        });
    }

    /** Read in one step: the module may swap the script element between a find and a read. */
    private String token() {
        return (String) browser.driver().executeScript(
                "return document.getElementById('operator-chat-panel-script').getAttribute('token')");
    }

    @Test
    void panelTokenIsRenewedBeforeItExpiresAndThePanelStaysUp() {
        assertTrue(panelOf("john").getText().contains("John Smith"));
        String first = token();

        String renewed = new WebDriverWait(browser.driver(), Duration.ofSeconds(40)).until(driver -> {
            String now = token();
            return now.equals(first) ? null : now;
        });

        assertNotEquals(first, renewed);
        WebElement panel = browser.driver().findElement(By.cssSelector(PANEL));
        assertEquals("ready", panel.getAttribute("data-state"));
        assertTrue(panel.isDisplayed());
        assertEquals(List.of(), browser.consoleProblems());
    }

    @Test
    void logoutElsewhereRemovesThePanelAtTheNextRenewalAndShowsTheFallback() {
        panelOf("multi");

        browser.driver().executeScript("return fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.status);",
                container.uri("/logout").toString());

        new WebDriverWait(browser.driver(), Duration.ofSeconds(40)).until(driver ->
                driver.findElements(By.cssSelector(PANEL)).isEmpty()
                        && !driver.findElements(By.cssSelector("p.fallback")).isEmpty());
        assertTrue(browser.driver().findElements(By.id("operator-chat-panel-script")).isEmpty());
    }
}
