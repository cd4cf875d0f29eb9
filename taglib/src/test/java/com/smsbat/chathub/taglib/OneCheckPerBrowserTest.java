package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.Closing;
import com.smsbat.chathub.testing.TestContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One periodic check per browser, not per tab, in Chromium against the full chain (tag, token endpoint, cache,
 * sandbox): however many tabs of the application a user has open, one of them asks the token endpoint every
 * {@link #CHECK}, and when it closes another takes over. Requests are counted where they reach the application.
 */
class OneCheckPerBrowserTest {

    private static final Logger LOG = Logger.getLogger(OneCheckPerBrowserTest.class.getName());
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(20);
    /** As in a page served over plain http from a host other than localhost, which is not a secure context. */
    private static final String WITHOUT_LOCKS = "Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });";

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.user.session-attribute", "user");
        settings.put("chathub.renewal.check", CHECK.toString());
        container = TestContainer.start(ChatHubApps.app(settings,
                ChatHubApps.SESSION_LOGIN + RequestLog.mappedTo("requests", FormLoginApp.ENDPOINT))
                .file("page.jsp", ChatHubApps.page(ChatHubApps.widget())));
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(container, sandbox);
    }

    @Test
    void twentyTabsAskTheEndpointAboutAsOftenAsOneTab() {
        double one = requestsPerCheck(1, "");
        double five = requestsPerCheck(5, "");
        double twenty = requestsPerCheck(20, "");

        // Read by docs/benchmarks.md: requests per check interval, and per hour at the default check of a minute.
        LOG.info(() -> String.format("endpoint requests per check interval: 1 tab %.2f, 5 tabs %.2f, 20 tabs %.2f "
                + "(per hour at PT1M: %.0f, %.0f, %.0f)", one, five, twenty, one * 60, five * 60, twenty * 60));
        assertAll(
                () -> assertTrue(one > 0.5, "one tab checks about once an interval: " + one),
                () -> assertTrue(five < 2 * one, "5 tabs: " + five + " requests per interval, 1 tab: " + one),
                () -> assertTrue(twenty < 2 * one, "20 tabs: " + twenty + " requests per interval, 1 tab: " + one));
    }

    @Test
    void withoutWebLocksFiveTabsStillAskAboutAsOftenAsOneTab() {
        double one = requestsPerCheck(1, WITHOUT_LOCKS);
        double five = requestsPerCheck(5, WITHOUT_LOCKS);

        LOG.info(() -> String.format("without Web Locks, endpoint requests per check interval: 1 tab %.2f, 5 tabs %.2f",
                one, five));
        assertTrue(five < 2 * one, "5 tabs: " + five + " requests per interval, 1 tab: " + one);
    }

    @Test
    void whenTheLeadingTabClosesAnotherChecksWithinOneInterval() {
        try (Browser browser = Browser.start()) {
            List<String> tabs = openTabs(browser, 3, "");
            long before = RequestLog.count(FormLoginApp.ENDPOINT);
            awaitRequests(browser, before + 2);

            // The first tab asked for the lock first: it leads. The tab that comes to the front asks once at once.
            browser.driver().switchTo().window(tabs.get(0)).close();
            long closedAt = System.currentTimeMillis();
            browser.driver().switchTo().window(tabs.get(2));
            awaitRequests(browser, RequestLog.count(FormLoginApp.ENDPOINT) + 4);

            List<Long> times = new ArrayList<>(List.of(closedAt));
            times.addAll(RequestLog.timesFrom(FormLoginApp.ENDPOINT, closedAt));
            long longestGap = 0;
            for (int i = 1; i < times.size(); i++) {
                longestGap = Math.max(longestGap, times.get(i) - times.get(i - 1));
            }
            assertTrue(longestGap <= CHECK.toMillis() + 1_500,
                    "longest time without a check after the leading tab closed: " + longestGap + " ms, checks " + times);
        }
    }

    /**
     * Opens {@code tabs} tabs of the page in a fresh browser that runs {@code beforePages} before each page's
     * scripts, then counts requests over {@link #WINDOW}.
     */
    private static double requestsPerCheck(int tabs, String beforePages) {
        try (Browser browser = Browser.start()) {
            openTabs(browser, tabs, beforePages);
            long before = RequestLog.count(FormLoginApp.ENDPOINT);
            browser.driver().executeAsyncScript("setTimeout(arguments[1], arguments[0])", WINDOW.toMillis());
            long requests = RequestLog.count(FormLoginApp.ENDPOINT) - before;
            return requests * (double) CHECK.toMillis() / WINDOW.toMillis();
        }
    }

    private static List<String> openTabs(Browser browser, int count, String beforePages) {
        List<String> handles = new ArrayList<>();
        browser.open(container.uri("/login?user=john"));
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                browser.driver().switchTo().newWindow(WindowType.TAB);
            }
            if (!beforePages.isEmpty()) {
                // Per tab: the DevTools command applies to the tab it is sent to.
                browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", beforePages));
            }
            browser.open(container.uri("/page.jsp"));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d ->
                    !d.findElements(By.cssSelector("[data-chathub-panel][data-state='ready']")).isEmpty());
            if (beforePages.equals(WITHOUT_LOCKS)) {
                assertEquals(true, browser.driver().executeScript("return navigator.locks === undefined"));
            }
            handles.add(browser.driver().getWindowHandle());
        }
        return handles;
    }

    private static void awaitRequests(Browser browser, long count) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> RequestLog.count(FormLoginApp.ENDPOINT) >= count);
    }
}
