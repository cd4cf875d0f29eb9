package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared headless {@link Browser}, used the way a person uses the demo: sign in, open pages, look. */
final class DemoBrowser implements AutoCloseable {

    static final By PANEL_SCRIPTS = By.cssSelector("script[id^='operator-chat-panel-script']");
    static final By PANELS = By.cssSelector("[data-chathub-panel]");
    static final By READY_PANELS = By.cssSelector("[data-chathub-panel][data-state='ready']");
    static final By FALLBACK = By.id("chat-fallback");

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Browser browser;
    private final DemoSite demo;

    DemoBrowser(DemoSite demo) {
        this.demo = demo;
        this.browser = Browser.start();
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    /** Forgets every cookie, so the next page starts a new session. */
    void forgetSession() {
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    void open(String path) {
        browser.open(demo.uri(path));
    }

    /** Signs in through the login form (FORM authentication) and lands on the dashboard. */
    void signIn(String user) {
        forgetSession();
        open("/dashboard.jsp");
        driver().findElement(By.id("j_username")).sendKeys(user);
        driver().findElement(By.id("j_password")).sendKeys(DemoBuild.PASSWORD);
        driver().findElement(By.id("sign-in")).click();
        awaitElement(By.id("signed-in-user"));
    }

    WebElement awaitElement(By by) {
        return new WebDriverWait(driver(), WAIT).until(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** Waits until the page shows {@code count} ready panels, one per panel script tag, and returns them. */
    List<WebElement> awaitReadyPanels(int count) {
        return new WebDriverWait(driver(), WAIT)
                .withMessage(() -> "expected " + count + " ready panels; page has " + driver().findElements(PANELS).size()
                        + " panels for " + driver().findElements(PANEL_SCRIPTS).size() + " panel scripts")
                .until(d -> {
                    List<WebElement> ready = d.findElements(READY_PANELS);
                    return ready.size() == count && d.findElements(PANELS).size() == count ? ready : null;
                });
    }

    /** Signs in as {@code user} and checks that the plain servlet page got one panel naming {@code operator}. */
    void assertZeroTouchPanelOnThePlainPage(String user, String operator) {
        signIn(user);
        open("/plain");

        WebElement panel = awaitReadyPanels(1).get(0);
        assertAll(
                () -> assertTrue(panel.getText().contains(operator), panel.getText()),
                () -> assertEquals(1, driver().findElements(PANEL_SCRIPTS).size()),
                () -> assertEquals(List.of(), consoleProblems()));
    }

    /** The current page has neither a panel script nor a panel. */
    void assertNoPanel() {
        assertAll(
                () -> assertTrue(driver().findElements(PANEL_SCRIPTS).isEmpty(), "no panel script"),
                () -> assertTrue(driver().findElements(PANELS).isEmpty(), "no panel"));
    }

    List<String> consoleProblems() {
        return browser.consoleProblems();
    }

    List<String> cspViolations() {
        return browser.cspViolations();
    }

    @Override
    public void close() {
        browser.close();
    }
}
