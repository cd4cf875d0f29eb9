package com.smsbat.chathub.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.smsbat.chathub.demo.DemoBrowser.FALLBACK;
import static com.smsbat.chathub.demo.DemoBrowser.PANELS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a person checks after deploying the demo WAR on an installed server, in Chromium and over HTTP. A subclass
 * starts its server once and hands it to {@link #checking}; it is stopped after the class.
 */
abstract class InstalledDemoChecks {

    /** How long a tab may take to notice that its user signed out in another tab. */
    private static final Duration SIGN_OUT_NOTICED = Duration.ofSeconds(5);

    static InstalledServer server;
    static DemoBrowser browser;

    /** The server the checks run against, started; with a browser for it. */
    static void checking(InstalledServer started) {
        server = started;
        browser = new DemoBrowser(started);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            browser = null;
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

    @Test
    void operatorSignsInWithTheLoginFormAndSeesThePanel() {
        browser.signIn("john");

        WebElement panel = browser.awaitReadyPanels(1).get(0);
        assertAll(
                () -> assertTrue(panel.getText().contains("John Smith"), panel.getText()),
                () -> assertTrue(browser.driver().findElements(FALLBACK).isEmpty(), "no fallback next to the panel"),
                () -> assertEquals(List.of(), browser.consoleProblems()));
    }

    @Test
    void userWithoutOperatorSeesTheFallbackAndNoPanel() {
        browser.signIn("guest");

        assertTrue(browser.driver().findElement(FALLBACK).isDisplayed(), "fallback visible");
        browser.assertNoPanel();
    }

    @Test
    void operatorInTwoOrganizationsGetsOnePanelForEach() {
        browser.signIn("maria");
        browser.open("/organizations.jsp");

        List<String> panels = browser.awaitReadyPanels(2).stream().map(WebElement::getText).toList();
        assertAll(
                () -> assertTrue(panels.stream().anyMatch(text -> text.contains("Maria Garcia")), panels.toString()),
                () -> assertTrue(panels.stream().anyMatch(text -> text.contains("Olena Kovalenko")), panels.toString()));
    }

    @Test
    void tokenEndpointAnswersTheSignedInOperatorsTokenAsJson() {
        HttpResponse<String> response = FormLogin.signedIn(server, "john").get("/api/chathub/token");

        assertAll(
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                        response.headers().toString()),
                () -> assertTrue(response.body().matches(
                        "\\{\"token\":\"[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\",\"expiresAt\":\"[0-9T:.-]+Z\"}"),
                        response.body()));
    }

    /**
     * The other tab's panel goes once that tab is in front again (the browser module hears of the sign-out, or
     * finds the token endpoint answering with the login page); it must not keep a panel for a user who left.
     */
    @Test
    void signingOutInOneTabRemovesThePanelFromTheOther() {
        browser.signIn("john");
        browser.awaitReadyPanels(1);
        ChromeDriver driver = browser.driver();
        String first = driver.getWindowHandle();
        WebDriver second = driver.switchTo().newWindow(WindowType.TAB);
        String secondHandle = second.getWindowHandle();
        try {
            browser.open("/dashboard.jsp");
            browser.awaitReadyPanels(1);

            driver.switchTo().window(first);
            driver.executeCdpCommand("Page.bringToFront", Map.of());
            driver.findElement(By.id("sign-out")).click();
            browser.awaitElement(By.id("signed-out"));
            driver.switchTo().window(secondHandle);
            driver.executeCdpCommand("Page.bringToFront", Map.of());

            new WebDriverWait(driver, SIGN_OUT_NOTICED)
                    .withMessage(() -> "the tab still open shows " + driver.findElements(PANELS).size() + " panels")
                    .until(d -> d.findElements(PANELS).isEmpty() && d.findElements(FALLBACK).stream()
                            .anyMatch(WebElement::isDisplayed));
        } finally {
            driver.switchTo().window(secondHandle).close();
            driver.switchTo().window(first);
        }
    }
}
