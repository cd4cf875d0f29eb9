package com.smsbat.chathub.taglib;

import com.smsbat.chathub.taglib.ScriptedTokenEndpoint.Organization;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.Closing;
import com.smsbat.chathub.testing.TestContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static com.smsbat.chathub.taglib.PanelPage.NONCE;
import static com.smsbat.chathub.taglib.PanelPage.PANEL;
import static com.smsbat.chathub.taglib.PanelPage.initialToken;
import static com.smsbat.chathub.taglib.ScriptedTokenEndpoint.Answer.freshTokens;
import static com.smsbat.chathub.taglib.ScriptedTokenEndpoint.Answer.status;
import static com.smsbat.chathub.taglib.ScriptedTokenEndpoint.Answer.token;
import static com.smsbat.chathub.taglib.ScriptedTokenEndpoint.organization;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code chathub/token-renewal.js} in Chromium, served from the library jar, against the scripted token
 * endpoint. Pages hold tokens of six to ten seconds, renewed four seconds (at most half the lifetime)
 * ahead, and each test waits for conditions in the page, never for time to pass.
 */
class TokenRenewalBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ORG = "24";
    private static final String OTHER_ORG = "25";

    private static TestContainer container;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        container = TestContainer.start(RenewalTestWebapp.create());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(browser, container);
    }

    @BeforeEach
    void forgetEarlierAnswers() {
        ScriptedTokenEndpoint.reset();
    }

    @Test
    void tokenIsRenewedBeforeExpiryAndThePanelStaysVisible() {
        open(6, ORG);
        long expiresAt = expiresAt(PANEL);

        Map<String, Object> renewed = await(() -> event("renewed", PANEL));

        String token = panelToken(PANEL);
        assertAll(
                () -> assertEquals(organization(ORG).issued().get(0), token),
                () -> assertTrue((Long) renewed.get("at") < expiresAt, "renewed after the page's token expired"),
                () -> assertEquals(token, widgetBox(PANEL).getText()),
                () -> assertTrue(widgetBox(PANEL).isDisplayed()));
    }

    @Test
    void renewedScriptKeepsItsPlaceNonceAndAttributes() {
        open(6, ORG);
        Map<String, Object> before = scriptShape(PANEL);

        await(() -> event("renewed", PANEL));

        Map<String, Object> after = scriptShape(PANEL);
        assertAll(
                () -> assertEquals(NONCE, after.get("nonce")),
                () -> assertEquals("chat-" + ORG, after.get("parent")),
                () -> assertEquals("TEMPLATE", after.get("next")),
                () -> assertEquals(before.get("type"), after.get("type")),
                () -> assertEquals(before.get("src"), after.get("src")),
                () -> assertEquals(before.get("tokenUrl"), after.get("tokenUrl")),
                () -> assertEquals(before.get("renewBefore"), after.get("renewBefore")),
                () -> assertNotEquals(before.get("expiresAt"), after.get("expiresAt")),
                () -> assertEquals(1L, script("return document.querySelectorAll('script[id=\"' + arguments[0] + '\"]').length",
                        PANEL)),
                () -> assertEquals(List.of(), browser.cspViolations()));
    }

    @Test
    void renewsRepeatedlyWithoutConsoleErrorsOrWarnings() {
        organization(ORG).answerWith(freshTokens(Duration.ofSeconds(4)));
        open(6, ORG);

        await(() -> organization(ORG).issued().size() >= 2
                && organization(ORG).issued().get(1).equals(panelToken(PANEL)));

        assertEquals(List.of(), browser.consoleProblems());
    }

    @Test
    void organizationRefusedWith403LosesOnlyItsPanelToTheFallbackAndItsRenewalStops() {
        organization(ORG).answerWith(status(403));
        organization(OTHER_ORG).answerWith(freshTokens(Duration.ofSeconds(4)));
        open(6, ORG, OTHER_ORG);
        String panel = PANEL + "-" + ORG;

        await(() -> event("stopped", panel));
        // The other organization's panel renews every two seconds: three renewals give a stopped panel
        // ample time to (wrongly) ask again.
        await(() -> organization(OTHER_ORG).issued().size() >= 3);

        assertAll(
                () -> assertEquals(1, organization(ORG).requestCount()),
                () -> assertNull(panelToken(panel)),
                () -> assertTrue(fallbackShown(panel)),
                () -> assertEquals("chat-" + ORG, script("return arguments[0].parentElement.id", fallback(panel))),
                () -> assertTrue(widgetBoxes(panel).isEmpty()),
                () -> assertTrue(widgetBox(PANEL + "-" + OTHER_ORG).isDisplayed()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"401", "302 to the login page", "200 with the login page", "200 with other JSON",
            "404"})
    void signedOutAnswerTakesDownEveryPanelOfThePageAndNothingIsAskedAgain(String answer) {
        organization(ORG).answerWith(signedOut(answer));
        organization(OTHER_ORG).answerWith(freshTokens(Duration.ofMinutes(10)));
        browser.open(container.uri("/panels?orgs=" + ORG + "," + OTHER_ORG + "&lifetime=6&renewBefore=PT4S&check=PT1S"));
        String panel = PANEL + "-" + ORG;
        String otherPanel = PANEL + "-" + OTHER_ORG;

        await(() -> event("stopped", panel) != null && event("stopped", otherPanel) != null);

        assertAll(
                () -> assertTrue(fallbackShown(panel)),
                () -> assertTrue(fallbackShown(otherPanel)),
                () -> assertNull(panelToken(otherPanel)),
                () -> assertTrue(browser.driver().findElements(By.cssSelector(".fake-panel")).isEmpty()),
                () -> assertEquals(List.of(), events("failed", panel)));
        // A tab that learnt of the sign-out never asks again, not when it comes back into view, nor when three of
        // its one-second check intervals have come round.
        browser.driver().executeAsyncScript("""
                window.dispatchEvent(new Event('focus'));
                window.dispatchEvent(new Event('online'));
                setTimeout(arguments[arguments.length - 1], 3000);
                """);
        assertEquals(1, organization(ORG).requestCount() + organization(OTHER_ORG).requestCount(),
                "requests after the sign-out");
    }

    private static ScriptedTokenEndpoint.Answer signedOut(String answer) {
        return switch (answer) {
            case "401" -> status(401);
            case "404" -> status(404);
            case "302 to the login page" -> ScriptedTokenEndpoint.Answer.redirect();
            case "200 with the login page" -> ScriptedTokenEndpoint.Answer.body("text/html",
                    "<!DOCTYPE html><html><body><form action=\"j_security_check\"></form></body></html>");
            case "200 with other JSON" -> ScriptedTokenEndpoint.Answer.body("application/json", "{\"user\":null}");
            default -> throw new IllegalArgumentException(answer);
        };
    }

    @Test
    void tokenExpiredErrorFromTheWidgetRenewsAtOnceWithOneRequest() {
        open(600, ORG);
        await(() -> script("return document.getElementById(arguments[0]) !== null", PANEL));

        script("window.dispatchEvent(new ErrorEvent('error', {message: 'Widget error: token expired'}))");

        await(() -> event("renewed", PANEL));
        assertAll(
                () -> assertEquals(1, organization(ORG).requestCount()),
                () -> assertEquals(organization(ORG).issued().get(0), panelToken(PANEL)));
    }

    @Test
    void pageChecksEveryCheckIntervalWithOneRequestAtATimeForAllItsPanels() {
        organization(ORG).answerWith(freshTokens(Duration.ofMinutes(10)).delayed(Duration.ofMillis(1500)));
        organization(OTHER_ORG).answerWith(freshTokens(Duration.ofMinutes(10)).delayed(Duration.ofMillis(1500)));
        browser.open(container.uri("/panels?orgs=" + ORG + "," + OTHER_ORG + "&lifetime=600&renewBefore=PT4S&check=PT1S"));

        // Both panels renew once (their first check brings new tokens), then are checked in turn.
        await(() -> organization(ORG).requestCount() >= 3 && organization(OTHER_ORG).requestCount() >= 3);

        List<Instant[]> requests = new java.util.ArrayList<>();
        requests.addAll(organization(ORG).requestSpans());
        requests.addAll(organization(OTHER_ORG).requestSpans());
        requests.sort(java.util.Comparator.comparing(span -> span[0]));
        for (int i = 1; i < requests.size(); i++) {
            Instant previousEnd = requests.get(i - 1)[1];
            Instant start = requests.get(i)[0];
            assertTrue(!start.isBefore(previousEnd), "request " + i + " started before the previous one ended");
        }
    }

    @Test
    void pageChecksOncePerCheckIntervalSoAMinuteMeansSixtyChecksAnHour() {
        browser.open(container.uri("/panels?orgs=" + ORG + "&lifetime=600&renewBefore=PT4S&check=PT1S"));

        // The first request after loading is the check of a page getting focus; the rest come from the timer.
        await(() -> organization(ORG).requestCount() >= 8);

        List<Instant> times = organization(ORG).requestTimes();
        double perHour = (times.size() - 2) * 3_600_000.0
                / Duration.between(times.get(1), times.get(times.size() - 1)).toMillis();
        assertTrue(perHour > 3_000 && perHour <= 3_600, perHour + " checks per hour at one check a second");
    }

    @Test
    void failingEndpointIsRetriedWithBackoffWhileThePanelIsKeptThenTheFallbackShowsAtExpiry() {
        // Eight seconds leave room for a slow page load before the two retries that must fit in the lifetime.
        organization(ORG).answerWith(status(503));
        open(8, ORG);
        long expiresAt = expiresAt(PANEL);

        await(() -> fallbackShown(PANEL));

        int requests = organization(ORG).requestCount();
        List<Map<String, Object>> failures = events("failed", PANEL);
        List<Instant> times = organization(ORG).requestTimes();
        assertAll(
                () -> assertTrue(requests >= 2 && requests <= 4, requests + " requests before expiry"),
                () -> assertTrue(failures.stream().filter(f -> (Long) f.get("at") < expiresAt)
                        .allMatch(TokenRenewalBrowserTest::panelWasInPage), "panel removed while valid: " + failures),
                () -> assertTrue(failures.stream().filter(TokenRenewalBrowserTest::panelWasInPage).count() >= 2,
                        "fewer than two failures while the panel was kept: " + failures),
                () -> assertTrue(Duration.between(times.get(0), times.get(1)).toMillis() >= 900,
                        "retried at once: " + times),
                () -> assertNull(panelToken(PANEL)));
    }

    @Test
    void retryAfterIsHonoured() {
        // Ten seconds: the first attempt four seconds ahead of expiry, its retry three seconds later, room to spare.
        organization(ORG).answerWith(status(503).retryAfter(3));
        open(10, ORG);

        await(() -> organization(ORG).requestCount() >= 2);

        List<Instant> times = organization(ORG).requestTimes();
        long gap = Duration.between(times.get(0), times.get(1)).toMillis();
        assertTrue(gap >= 2_800, "retried after " + gap + " ms despite Retry-After: 3");
    }

    @Test
    void panelComesBackWhenTheEndpointAnswersAgainAfterExpiry() {
        organization(ORG).answerWith(status(503));
        open(6, ORG);
        await(() -> fallbackShown(PANEL));

        organization(ORG).answerWith(freshTokens(Duration.ofMinutes(10)));
        script("window.dispatchEvent(new Event('online'))");

        await(() -> organization(ORG).issued().size() == 1
                && organization(ORG).issued().get(0).equals(panelToken(PANEL)));
        assertAll(
                () -> assertTrue(widgetBox(PANEL).isDisplayed()),
                () -> assertTrue(browser.driver().findElements(By.cssSelector("p.fallback")).isEmpty()),
                () -> assertEquals("chat-" + ORG, scriptShape(PANEL).get("parent")),
                () -> assertEquals(NONCE, scriptShape(PANEL).get("nonce")));
    }

    @Test
    void answerWithoutAJwtShapedTokenIsNotTheEndpointsAndMeansSignedOut() {
        organization(ORG).answerWith(token("not a jwt", Duration.ofMinutes(10)));
        open(6, ORG);

        await(() -> event("stopped", PANEL));

        assertAll(
                () -> assertNull(panelToken(PANEL)),
                () -> assertTrue(fallbackShown(PANEL)),
                () -> assertEquals(List.of(), events("renewed", PANEL)));
    }

    @Test
    void wellFormedAnswerAlreadyExpiredByThisMachinesClockIsAFailureNotASignOut() {
        organization(ORG).answerWith(token("e30.expired.c2ln", Duration.ofMinutes(-10)));
        open(6, ORG);

        await(() -> events("failed", PANEL).size() >= 2);

        assertAll(
                () -> assertEquals(initialToken(ORG), panelToken(PANEL)),
                () -> assertEquals(List.of(), events("stopped", PANEL)));
    }

    @Test
    void twoOrganizationsRenewIndependently() {
        organization(ORG).answerWith(freshTokens(Duration.ofMinutes(10)));
        organization(OTHER_ORG).answerWith(freshTokens(Duration.ofSeconds(4)));
        open(6, ORG, OTHER_ORG);
        String panel = PANEL + "-" + ORG;
        String otherPanel = PANEL + "-" + OTHER_ORG;

        await(() -> organization(OTHER_ORG).issued().size() >= 2
                && organization(OTHER_ORG).issued().get(1).equals(panelToken(otherPanel)));

        assertAll(
                () -> assertEquals(1, organization(ORG).requestCount()),
                () -> assertEquals(organization(ORG).issued().get(0), panelToken(panel)),
                () -> assertEquals(panelToken(panel), widgetBox(panel).getText()),
                () -> assertEquals(panelToken(otherPanel), widgetBox(otherPanel).getText()));
    }

    private static void open(int lifetimeSeconds, String... orgs) {
        browser.open(container.uri("/panels?orgs=" + String.join(",", orgs)
                + "&lifetime=" + lifetimeSeconds + "&renewBefore=PT4S"));
    }

    private static Object script(String js, Object... args) {
        return browser.driver().executeScript(js, args);
    }

    private static <T> T await(Supplier<T> condition) {
        return new WebDriverWait(browser.driver(), PATIENCE).until(driver -> condition.get());
    }

    /** The expiry written into the panel script, in browser milliseconds. */
    private static long expiresAt(String panel) {
        return (Long) script(
                "return Date.parse(document.getElementById(arguments[0]).dataset.chathubExpiresAt)", panel);
    }

    private static String panelToken(String panel) {
        return (String) script(
                "const s = document.getElementById(arguments[0]); return s && s.getAttribute('token')", panel);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scriptShape(String panel) {
        return (Map<String, Object>) script("""
                const s = document.getElementById(arguments[0]);
                return {nonce: s.nonce, parent: s.parentElement.id, next: s.nextElementSibling.tagName,
                        type: s.type, src: s.src, tokenUrl: s.dataset.chathubTokenUrl,
                        renewBefore: s.dataset.chathubRenewBefore, expiresAt: s.dataset.chathubExpiresAt};
                """, panel);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(String type, String panel) {
        return ((List<Map<String, Object>>) script("return window.chathubEvents")).stream()
                .filter(event -> type.equals(event.get("type")) && panel.equals(event.get("id")))
                .toList();
    }

    private static Map<String, Object> event(String type, String panel) {
        return events(type, panel).stream().findFirst().orElse(null);
    }

    private static boolean panelWasInPage(Map<String, Object> event) {
        return Boolean.TRUE.equals(event.get("panelInPage"));
    }

    private static WebElement widgetBox(String panel) {
        return browser.driver().findElement(By.cssSelector(".fake-panel[data-for='" + panel + "']"));
    }

    private static List<WebElement> widgetBoxes(String panel) {
        return browser.driver().findElements(By.cssSelector(".fake-panel[data-for='" + panel + "']"));
    }

    private static WebElement fallback(String panel) {
        return browser.driver().findElement(By.cssSelector("p.fallback[data-for='" + panel + "']"));
    }

    private static boolean fallbackShown(String panel) {
        return browser.driver().findElements(By.cssSelector("p.fallback[data-for='" + panel + "']")).stream()
                .anyMatch(WebElement::isDisplayed);
    }
}
