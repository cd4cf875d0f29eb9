package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.Closing;
import com.smsbat.chathub.testing.TestContainer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget tag's page in Chromium when the widget script is slow, missing or blocked: the tag's loading text
 * while it loads, its fallback and {@code chathub:failed} when it cannot. The widget comes from a server of its
 * own (another origin, as widget.smsbat.com is), whose answer each test chooses.
 */
class WidgetLoadBrowserTest {

    private static final String PANEL = "operator-chat-panel-script";
    private static final String LOADING = "Loading the chat panel";
    private static final By LOADING_STATE = By.cssSelector("[data-chathub-loading-for='" + PANEL + "']");
    private static final By FALLBACK = By.cssSelector("p.fallback");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static HttpServer widgetServer;
    private static volatile WidgetAnswer widgetAnswer = WidgetAnswer.SCRIPT;
    private static volatile CountDownLatch widgetReleased = new CountDownLatch(0);
    private static ChatHubSandbox sandbox;
    private static TestContainer container;
    private static Browser browser;

    private enum WidgetAnswer { SCRIPT, MISSING }

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeAvailable();
        widgetServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        widgetServer.createContext("/widget.js", WidgetLoadBrowserTest::serveWidget);
        widgetServer.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        widgetServer.start();
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.widget.url", "http://127.0.0.1:" + widgetServer.getAddress().getPort() + "/widget.js");
        settings.put("chathub.user.session-attribute", "user");
        String page = ChatHubApps.page("<script type=\"module\" src=\"test-events.js\"></script>"
                + "<chathub:widget loading=\"" + LOADING + "\">" + ChatHubApps.FALLBACK + "</chathub:widget>");
        container = TestContainer.start(ChatHubApps.app(settings, ChatHubApps.SESSION_LOGIN + """
                  <filter><filter-name>csp</filter-name><filter-class>com.smsbat.chathub.taglib.WidgetLoadBrowserTest$SelfOnlyPolicy</filter-class></filter>
                  <filter-mapping><filter-name>csp</filter-name><url-pattern>/csp.jsp</url-pattern></filter-mapping>
                """)
                .file("page.jsp", page)
                .file("csp.jsp", page)
                .file("test-events.js", RenewalTestWebapp.resource("test-events.js")));
        browser = Browser.start(PageLoadStrategy.NONE);
        browser.open(container.uri("/login?user=john"));
        new WebDriverWait(driver(), PATIENCE).until(d -> d.getPageSource().contains("ok"));
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(browser, container, sandbox, widgetServer == null ? null : () -> widgetServer.stop(0));
    }

    @AfterEach
    void answerNormallyAgain() {
        widgetAnswer = WidgetAnswer.SCRIPT;
        widgetReleased.countDown();
    }

    @Test
    void loadingTextIsShownWhileTheWidgetLoadsAndGoesWhenItHasLoaded() {
        widgetReleased = new CountDownLatch(1);
        browser.open(container.uri("/page.jsp"));

        String shown = new WebDriverWait(driver(), PATIENCE).until(d -> !d.getCurrentUrl().endsWith("/page.jsp") ? null
                : d.findElements(LOADING_STATE).stream()
                .filter(element -> element.isDisplayed()).map(element -> element.getText()).findFirst().orElse(null));
        boolean widgetRanMeanwhile = Boolean.TRUE.equals(driver().executeScript("return window.widgetRan === true"));
        widgetReleased.countDown();

        new WebDriverWait(driver(), PATIENCE).until(d -> d.findElements(LOADING_STATE).isEmpty()
                && Boolean.TRUE.equals(driver().executeScript("return window.widgetRan === true")));
        assertAll(
                () -> assertEquals(LOADING, shown),
                () -> assertFalse(widgetRanMeanwhile, "the widget ran while the loading text was shown"),
                () -> assertFalse(driver().findElements(By.id(PANEL)).isEmpty(), "panel script in place"),
                () -> assertTrue(driver().findElements(FALLBACK).isEmpty(), "no fallback"),
                () -> assertEquals(List.of(), failedEvents()));
    }

    @Test
    void widgetAnswering404GivesWayToTheFallbackAndFiresFailed() {
        widgetAnswer = WidgetAnswer.MISSING;
        browser.open(container.uri("/page.jsp"));

        awaitFallback("/page.jsp");

        assertWidgetFailureHandled();
    }

    @Test
    void widgetBlockedByTheContentSecurityPolicyGivesWayToTheFallbackAndFiresFailed() {
        browser.open(container.uri("/csp.jsp"));

        awaitFallback("/csp.jsp");

        assertAll(
                () -> assertFalse(browser.cspViolations().isEmpty(), "the policy blocked the widget"),
                () -> assertFalse(Boolean.TRUE.equals(driver().executeScript("return window.widgetRan === true"))),
                () -> assertWidgetFailureHandled());
    }

    private static void assertWidgetFailureHandled() {
        assertAll(
                () -> assertTrue(driver().findElement(FALLBACK).isDisplayed(), "fallback shown"),
                () -> assertTrue(driver().findElements(By.id(PANEL)).isEmpty(), "panel script gone"),
                () -> assertTrue(driver().findElements(LOADING_STATE).isEmpty(), "loading text gone"),
                () -> assertEquals(List.of(Map.of("id", PANEL, "reason", "widget")), failedEvents()),
                () -> assertEquals(List.of(), browser.consoleProblems().stream()
                        .filter(problem -> problem.contains("Uncaught")).toList()));
    }

    /** Navigation does not wait here (see the browser's page load strategy): the page must be the new one. */
    private static void awaitFallback(String path) {
        new WebDriverWait(driver(), PATIENCE).until(d -> d.getCurrentUrl().endsWith(path)
                && "complete".equals(driver().executeScript("return document.readyState"))
                && !d.findElements(FALLBACK).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> failedEvents() {
        return (List<Map<String, Object>>) driver().executeScript("""
                return window.chathubEvents.filter(e => e.type === 'failed').map(e => ({id: e.id, reason: e.reason}))""");
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }

    private static void serveWidget(HttpExchange exchange) throws IOException {
        try {
            if (!widgetReleased.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException("the test never released the widget");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // A module script from another origin needs CORS, as the real widget's allow-list grants.
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        byte[] body = (widgetAnswer == WidgetAnswer.MISSING ? "not found" : "window.widgetRan = true;")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                widgetAnswer == WidgetAnswer.MISSING ? "text/plain" : "text/javascript");
        exchange.sendResponseHeaders(widgetAnswer == WidgetAnswer.MISSING ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A page policy that allows the application's own scripts only, so the widget's origin is blocked. */
    public static final class SelfOnlyPolicy implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            ((HttpServletResponse) response).setHeader("Content-Security-Policy", "script-src 'self'");
            chain.doFilter(request, response);
        }
    }
}
