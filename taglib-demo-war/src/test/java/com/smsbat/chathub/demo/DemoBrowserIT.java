package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.smsbat.chathub.demo.DemoBrowser.FALLBACK;
import static com.smsbat.chathub.demo.DemoBrowser.PANELS;
import static com.smsbat.chathub.demo.DemoBrowser.PANEL_SCRIPTS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged demo on Jetty ee10, checked in headless Chromium the way a person would look at it. */
class DemoBrowserIT {

    private static DemoJetty demo;
    private static DemoBrowser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        demo = DemoJetty.start();
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
    void operatorSeesTheSandboxPanelNamingHimOnTheDashboard() {
        browser.signIn("john");

        WebElement panel = browser.awaitReadyPanels(1).get(0);
        assertAll(
                () -> assertTrue(panel.isDisplayed(), "panel visible"),
                () -> assertTrue(panel.getText().contains("John Smith"), panel.getText()),
                () -> assertTrue(panel.getText().contains("Customer Support"), panel.getText()),
                () -> assertTrue(browser.driver().findElements(FALLBACK).isEmpty(), "no fallback next to the panel"));
    }

    @Test
    void dashboardExplainsUserOperatorAndExpiryButNeverShowsTheToken() {
        browser.signIn("john");

        String token = browser.driver().findElement(PANEL_SCRIPTS).getDomAttribute("token");
        String box = browser.driver().findElement(By.id("what-you-are-looking-at")).getText();
        assertAll(
                () -> assertEquals("john", text("info-user")),
                () -> assertEquals("#101", text("info-operator")),
                () -> assertEquals("#24", text("info-organization")),
                () -> assertTrue(text("info-expires").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), text("info-expires")),
                () -> assertTrue(token != null && token.length() > 20, "the panel's script tag has the token"),
                () -> assertFalse(box.contains(token), "the explanation box shows the token"));
    }

    @Test
    void userWithoutOperatorSeesTheFallbackAndNoPanel() {
        browser.signIn("guest");

        assertAll(
                () -> assertTrue(browser.driver().findElement(FALLBACK).isDisplayed(), "fallback visible"),
                () -> assertTrue(browser.driver().findElements(PANEL_SCRIPTS).isEmpty(), "no panel script"),
                () -> assertTrue(browser.driver().findElements(PANELS).isEmpty(), "no panel"),
                () -> assertTrue(text("info-operator").startsWith("none"), text("info-operator")),
                () -> assertEquals(List.of(), browser.consoleProblems()));
    }

    @Test
    void operatorInTwoOrganizationsGetsOnePanelForEachOnTheTwoOrganizationsPage() {
        browser.signIn("maria");
        browser.open("/organizations.jsp");

        List<String> panels = browser.awaitReadyPanels(2).stream().map(WebElement::getText).toList();
        List<String> scriptIds = browser.driver().findElements(PANEL_SCRIPTS).stream()
                .map(script -> script.getDomAttribute("id")).toList();
        assertAll(
                () -> assertEquals(List.of("operator-chat-panel-script-24", "operator-chat-panel-script-31"), scriptIds),
                () -> assertTrue(panels.stream().anyMatch(text -> text.contains("Maria Garcia")), panels.toString()),
                () -> assertTrue(panels.stream().anyMatch(text -> text.contains("Olena Kovalenko")), panels.toString()),
                () -> assertEquals(List.of(), browser.consoleProblems()));
    }

    @Test
    void operatorInOneOrganizationSeesTheOtherOrganizationsFallback() {
        browser.signIn("john");
        browser.open("/organizations.jsp");

        browser.awaitReadyPanels(1);
        String sales = browser.driver().findElement(By.id("organization-31")).getText();
        assertTrue(sales.contains("You are not a ChatHub operator in Sales."), sales);
    }

    @Test
    void panelLoadsUnderTheStrictContentSecurityPolicyWithoutViolations() throws Exception {
        browser.signIn("alex");
        browser.open("/strict-csp.jsp");

        WebElement panel = browser.awaitReadyPanels(1).get(0);
        String scriptNonce = browser.driver().findElement(PANEL_SCRIPTS).getDomProperty("nonce");
        assertAll(
                () -> assertTrue(panel.getText().contains("Alex Brown"), panel.getText()),
                () -> assertFalse(scriptNonce == null || scriptNonce.isEmpty(), "the panel script carries the nonce"),
                () -> assertEquals(List.of(), browser.cspViolations()),
                () -> assertEquals(List.of(), browser.consoleProblems()));
        assertPolicyAllowsOnlyTheNonceOfTheScriptTags();
    }

    /** The browser does not show response headers, so the policy is fetched again in the same session. */
    private static void assertPolicyAllowsOnlyTheNonceOfTheScriptTags() throws IOException, InterruptedException {
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> page = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(demo.uri("/strict-csp.jsp"))
                        .header("Cookie", session.getName() + "=" + session.getValue())
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'; object-src 'none'; base-uri 'none'")
                .matcher(policy);
        assertTrue(nonce.matches(), policy);
        Matcher scripts = Pattern.compile("<script[^>]*>").matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group().contains("nonce=\"" + nonce.group(1) + "\""), scripts.group());
        }
        assertTrue(count > 0, "the page has script tags");
    }

    @Test
    void listPageRendersTheTicketsWithJstlAndThePanel() {
        browser.signIn("john");
        browser.open("/tickets");

        browser.awaitReadyPanels(1);
        assertEquals(6, browser.driver().findElements(By.cssSelector("#tickets tbody tr")).size());
    }

    @Test
    void plainServletPageHasNoPanelWithoutZeroTouchMode() {
        browser.signIn("john");
        browser.open("/plain");

        assertAll(
                () -> assertEquals("A page written by a plain servlet", browser.driver().findElement(By.tagName("h1")).getText()),
                () -> assertTrue(browser.driver().findElements(PANEL_SCRIPTS).isEmpty(), "no panel script"),
                () -> assertTrue(browser.driver().findElements(PANELS).isEmpty(), "no panel"));
    }

    @Test
    void settingsPageShowsTheReadmeSettingsTable() {
        browser.signIn("john");
        browser.open("/settings");

        String table = browser.driver().findElement(By.cssSelector("#settings table")).getText();
        assertAll(
                () -> assertTrue(table.contains("chathub.api.url"), table),
                () -> assertTrue(table.contains("chathub.inject"), table));
    }

    @Test
    void pagesOfASignedInOperatorLogNoConsoleProblems() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        browser.forgetSession();
        browser.open("/dashboard.jsp");
        problems.put("login form", browser.consoleProblems());
        browser.signIn("john");
        for (String page : List.of("/dashboard.jsp", "/tickets", "/organizations.jsp", "/strict-csp.jsp", "/settings")) {
            browser.open(page);
            browser.awaitReadyPanels(1);
            problems.put(page, browser.consoleProblems());
        }
        browser.open("/plain");
        problems.put("/plain", browser.consoleProblems());

        problems.values().removeIf(List::isEmpty);
        assertEquals(Map.of(), problems);
    }

    @Test
    void signingOutRemovesThePanel() {
        browser.signIn("john");
        browser.awaitReadyPanels(1);

        browser.driver().findElement(By.id("sign-out")).click();
        browser.awaitElement(By.id("signed-out"));
        assertAll(
                () -> assertTrue(browser.driver().findElements(PANEL_SCRIPTS).isEmpty(), "no panel script"),
                () -> assertTrue(browser.driver().findElements(PANELS).isEmpty(), "no panel"),
                () -> assertTrue(browser.driver().findElement(FALLBACK).isDisplayed(), "fallback visible"),
                () -> assertEquals(List.of(), browser.consoleProblems()));

        browser.open("/dashboard.jsp");
        assertAll(
                () -> assertFalse(browser.driver().findElements(By.id("j_username")).isEmpty(), "back at the login form"),
                () -> assertTrue(browser.driver().findElements(PANELS).isEmpty(), "no panel"));
    }

    @Test
    void wrongPasswordShowsTheLoginErrorAndNoPanel() {
        browser.forgetSession();
        browser.open("/dashboard.jsp");
        browser.driver().findElement(By.id("j_username")).sendKeys("john");
        browser.driver().findElement(By.id("j_password")).sendKeys("not-the-password");
        browser.driver().findElement(By.id("sign-in")).click();

        browser.awaitElement(By.id("login-error"));
        assertTrue(browser.driver().findElements(PANELS).isEmpty(), "no panel");
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }
}
