package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.Closing;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-out reaches every tab, in Chromium against a FORM-login application on the container of this run (Jetty
 * ee10 in the default execution, Tomcat 10.1 in its own): the full chain of tag, token endpoint, token cache,
 * sandbox and its stand-in widget. Pages check every {@link #CHECK}. Each tab is a window of its own, so that
 * minimizing it makes its page hidden ({@code document.visibilityState}) while another is in front.
 * Subclasses put the token endpoint inside or outside the security constraint, or sign users in the application's
 * own way.
 */
abstract class SignOutBrowserTests {

    static final Duration CHECK = Duration.ofSeconds(5);
    /** What the issue allows a hidden tab: one check interval and five seconds. */
    private static final Duration HIDDEN_BUDGET = CHECK.plusSeconds(5);
    private static final Duration FRONT_BUDGET = Duration.ofSeconds(2);
    private static final By READY_PANEL = By.cssSelector("[data-chathub-panel][data-state='ready']");
    private static final By PANEL_SCRIPT = By.cssSelector("script[id^='operator-chat-panel-script']");
    private static final By FALLBACK = By.cssSelector("p.fallback");

    static ChatHubSandbox sandbox;
    static TestContainer container;
    static Browser browser;

    static void start(boolean endpointInsideConstraint) {
        start(sandbox -> FormLoginApp.create(sandbox, endpointInsideConstraint, Map.of("chathub.renewal.check", CHECK.toString())));
    }

    static void start(Function<ChatHubSandbox, TestWebapp> app) {
        Browser.assumeAvailable();
        sandbox = ChatHubSandbox.start();
        container = TestContainer.start(app.apply(sandbox));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(browser, container, sandbox);
    }

    @BeforeEach
    void signIn() {
        driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
        signInAsJohn();
        awaitReadyPanel();
    }

    /** Signs in as john and lands on the page with the panel: here through the container's FORM login. */
    void signInAsJohn() {
        browser.open(container.uri("/page.jsp"));
        driver().findElement(By.id("j_username")).sendKeys("john");
        driver().findElement(By.id("j_password")).sendKeys("pw");
        driver().findElement(By.id("sign-in")).click();
    }

    @AfterEach
    void closeOtherTabs() {
        String first = driver().getWindowHandles().iterator().next();
        for (String handle : driver().getWindowHandles()) {
            if (!handle.equals(first)) {
                driver().switchTo().window(handle).close();
            }
        }
        driver().switchTo().window(first);
    }

    @Test
    void signingOutInOneTabTakesDownTheHiddenTabsPanelWithinACheckAndItAsksNoMore() {
        String tabA = driver().getWindowHandle();
        String tabB = openHiddenTab();
        sandbox.resetCalls();

        long signedOutAt = signOutIn(tabA);
        long reportedAt = awaitSignOutReports(1).get(0);
        int requestsOfB = tokenRequestsOf(tabB);
        int hits = RequestLog.count(FormLoginApp.ENDPOINT);
        int requestsAfter = tokenRequestsAfterOneMoreCheck();

        assertAll(
                () -> assertTrue(reportedAt - signedOutAt <= HIDDEN_BUDGET.toMillis(),
                        "hidden tab signed out after " + (reportedAt - signedOutAt) + " ms"),
                () -> assertPanelDownAndFallbackShown(),
                () -> assertEquals(requestsOfB, requestsAfter, "requests of tab B after its sign-out, as B saw them"),
                // Only requests that reach the application: outside the constraint, all of them.
                () -> assertEquals(hits, RequestLog.count(FormLoginApp.ENDPOINT), "token endpoint hits after the sign-out"),
                () -> assertEquals(0, chatHubCalls(), "ChatHub calls"));
    }

    @Test
    void signingOutInOneTabTakesDownTheOtherTabsPanelAtOnceWhenItIsBroughtToTheFront() {
        String tabA = driver().getWindowHandle();
        String tabB = openHiddenTab();

        signOutIn(tabA);
        Instant front = Instant.now();
        driver().switchTo().window(tabB);
        driver().manage().window().maximize();
        driver().executeCdpCommand("Page.bringToFront", Map.of());
        new WebDriverWait(driver(), FRONT_BUDGET.multipliedBy(5))
                .until(d -> d.findElements(PANEL_SCRIPT).isEmpty() && !d.findElements(FALLBACK).isEmpty());
        Duration took = Duration.between(front, Instant.now());

        assertAll(
                () -> assertTrue(took.compareTo(FRONT_BUDGET) <= 0, "tab B brought to the front took " + took),
                () -> assertPanelDownAndFallbackShown());
    }

    @Test
    void sessionEndedOnTheServerTakesDownEveryTabsPanelWithinACheck() {
        String tabA = driver().getWindowHandle();
        List<String> others = List.of(openHiddenTab(), openHiddenTab());
        driver().switchTo().window(tabA);
        browser.open(container.uri("/signed-out.html"));
        sandbox.resetCalls();

        long endedAt = (Long) driver().executeScript("return Date.now()");
        FormLoginApp.Sessions.invalidateAll();
        List<Long> reports = awaitSignOutReports(others.size());

        for (String tab : others) {
            driver().switchTo().window(tab);
            assertPanelDownAndFallbackShown();
        }
        assertAll(
                () -> assertTrue(reports.stream().allMatch(at -> at - endedAt <= HIDDEN_BUDGET.toMillis()),
                        "tabs signed out after " + reports.stream().map(at -> at - endedAt).toList() + " ms"),
                () -> assertEquals(0, chatHubCalls(), "ChatHub calls"));
    }

    /** Opens the page in a new window, waits for its panel and minimizes the window: the page is hidden. */
    private static String openHiddenTab() {
        driver().switchTo().newWindow(WindowType.WINDOW);
        browser.open(container.uri("/page.jsp"));
        awaitReadyPanel();
        driver().manage().window().minimize();
        new WebDriverWait(driver(), Duration.ofSeconds(5))
                .until(d -> "hidden".equals(driver().executeScript("return document.visibilityState")));
        return driver().getWindowHandle();
    }

    /** Signs out in {@code tab}, which then shows the signed-out page; returns when, by the browser's clock. */
    private static long signOutIn(String tab) {
        driver().switchTo().window(tab);
        long at = (Long) driver().executeScript("return Date.now()");
        browser.open(container.uri("/logout"));
        new WebDriverWait(driver(), Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("signed-out")).isEmpty());
        return at;
    }

    /** Waits, in the signed-out tab, for {@code count} tabs to report their sign-out; returns when they did. */
    @SuppressWarnings("unchecked")
    private static List<Long> awaitSignOutReports(int count) {
        return new WebDriverWait(driver(), HIDDEN_BUDGET.multipliedBy(3)).until(d -> {
            List<Long> reports = (List<Long>) driver().executeScript("return window.signOuts");
            return reports != null && reports.size() >= count ? reports : null;
        });
    }

    /** The token endpoint requests {@code tab} has sent, as its own resource timing records them. */
    private static int tokenRequestsOf(String tab) {
        driver().switchTo().window(tab);
        return ((Long) driver().executeScript("return performance.getEntriesByType('resource')"
                + ".filter(entry => entry.name.includes('/api/chathub/token')).length")).intValue();
    }

    /** Brings the current tab to the front and lets its page's clock pass one more check interval. */
    private static int tokenRequestsAfterOneMoreCheck() {
        driver().manage().window().maximize();
        driver().executeAsyncScript("setTimeout(arguments[1], arguments[0])", CHECK.plusSeconds(1).toMillis());
        return tokenRequestsOf(driver().getWindowHandle());
    }

    private static void assertPanelDownAndFallbackShown() {
        assertAll(
                () -> assertTrue(driver().findElements(PANEL_SCRIPT).isEmpty(), "panel script gone"),
                () -> assertTrue(driver().findElements(By.cssSelector("[data-chathub-panel]")).isEmpty(), "panel gone"),
                () -> assertTrue(driver().findElement(FALLBACK).isDisplayed(), "fallback shown"));
    }

    private static int chatHubCalls() {
        return Arrays.stream(SandboxEndpoint.values()).mapToInt(sandbox::calls).sum();
    }

    private static void awaitReadyPanel() {
        new WebDriverWait(driver(), Duration.ofSeconds(15)).until(d -> !d.findElements(READY_PANEL).isEmpty());
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }
}
