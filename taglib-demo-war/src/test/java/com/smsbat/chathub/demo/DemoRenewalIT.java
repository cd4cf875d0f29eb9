package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.smsbat.chathub.demo.DemoBrowser.FALLBACK;
import static com.smsbat.chathub.demo.DemoBrowser.PANELS;
import static com.smsbat.chathub.demo.DemoBrowser.PANEL_SCRIPTS;
import static com.smsbat.chathub.demo.DemoBrowser.READY_PANELS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged demo started with short-lived tokens, as an operator would set them with {@code -D}: tokens live
 * 20 s, the server renews them 10 s before expiry and the pages ask for a new one 5 s before, so a page sees a
 * renewal well within {@link #RENEWAL}. Only in the Jetty execution: {@code -Dit.test=DemoRenewalIT} also
 * overrides the Tomcat execution's includes, whose class path has no Jetty.
 */
@EnabledIfSystemProperty(named = "demo.container", matches = "jetty")
class DemoRenewalIT {

    private static final Duration RENEWAL = Duration.ofSeconds(40);
    /** Maria's panels on the two-organizations page: script id to the operator id its token names. */
    private static final Map<String, String> MARIAS_OPERATORS = Map.of(
            "operator-chat-panel-script-24", "102",
            "operator-chat-panel-script-31", "202");

    private static DemoJetty demo;
    private static DemoBrowser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        demo = DemoJetty.startWith(Map.of(
                "chathub.token.lifetime", "PT20S",
                "chathub.token.refresh-ahead", "PT10S"));
        browser = new DemoBrowser(demo);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void eachOrganizationsPanelGetsANewTokenBeforeItsOldOneExpiresAndStaysReady() {
        browser.signIn("maria");
        browser.open("/organizations.jsp");
        browser.awaitReadyPanels(MARIAS_OPERATORS.size());
        WebElement page = driver().findElement(By.tagName("html"));
        Map<String, PanelScript> first = new TreeMap<>();
        MARIAS_OPERATORS.keySet().forEach(id -> first.put(id, PanelScript.of(id)));

        Map<String, Instant> renewedAt = new TreeMap<>();
        new WebDriverWait(driver(), RENEWAL)
                .withMessage(() -> "panels renewed: " + renewedAt.keySet() + " of " + first.keySet())
                .until(driver -> {
                    first.forEach((id, script) -> {
                        if (!script.token().equals(PanelScript.of(id).token())) {
                            renewedAt.putIfAbsent(id, Instant.now());
                        }
                    });
                    return renewedAt.size() == first.size();
                });

        Map<String, String> readyOperators = driver().findElements(READY_PANELS).stream()
                .filter(WebElement::isDisplayed)
                .collect(Collectors.toMap(panel -> panel.getDomAttribute("data-chathub-panel"),
                        panel -> panel.getDomAttribute("data-operator-id")));
        assertAll(
                () -> first.forEach((id, script) -> assertTrue(renewedAt.get(id).isBefore(script.expiresAt()),
                        id + " renewed at " + renewedAt.get(id) + ", its first token expired at " + script.expiresAt())),
                () -> assertEquals(MARIAS_OPERATORS, readyOperators, "visible ready panels and their operators"),
                () -> assertFalse(reloaded(page), "the page was reloaded"),
                () -> assertEquals(List.of(), browser.consoleProblems()));
    }

    @Test
    void signingOutInAnotherTabTakesThePanelDownWithoutAReloadAndShowsTheFallback() {
        browser.signIn("john");
        browser.awaitReadyPanels(1);
        WebElement dashboard = driver().findElement(By.tagName("html"));
        String dashboardTab = driver().getWindowHandle();

        driver().switchTo().newWindow(WindowType.TAB);
        browser.open("/dashboard.jsp");
        driver().findElement(By.id("sign-out")).click();
        browser.awaitElement(By.id("signed-out"));
        driver().close();
        driver().switchTo().window(dashboardTab);

        new WebDriverWait(driver(), RENEWAL)
                .withMessage(() -> driver().findElements(PANELS).size() + " panels still up, fallback shown: "
                        + !driver().findElements(FALLBACK).isEmpty())
                .until(driver -> driver.findElements(PANELS).isEmpty() && !driver.findElements(FALLBACK).isEmpty());
        assertAll(
                () -> assertFalse(reloaded(dashboard), "the dashboard was reloaded"),
                () -> assertTrue(driver().findElements(PANEL_SCRIPTS).isEmpty(), "no panel script"),
                () -> assertTrue(driver().findElement(FALLBACK).isDisplayed(), "fallback visible"));
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }

    /** A page that was loaded again no longer has the elements found before. */
    private static boolean reloaded(WebElement page) {
        return ExpectedConditions.stalenessOf(page).apply(driver());
    }

    /** A panel's script tag as the page holds it now. */
    private record PanelScript(String token, Instant expiresAt) {

        /** Read in one step in the page: the renewal module may replace the script element between two reads. */
        static PanelScript of(String id) {
            @SuppressWarnings("unchecked")
            List<String> attributes = (List<String>) driver().executeScript(
                    "const script = document.getElementById(arguments[0]);"
                            + " return script && [script.getAttribute('token'), script.getAttribute('data-chathub-expires-at')];",
                    id);
            Objects.requireNonNull(attributes, () -> "no panel script " + id);
            String expiresAt = Objects.requireNonNull(attributes.get(1),
                    () -> id + " has no data-chathub-expires-at: the page does not renew it");
            return new PanelScript(attributes.get(0), Instant.parse(expiresAt));
        }
    }
}
