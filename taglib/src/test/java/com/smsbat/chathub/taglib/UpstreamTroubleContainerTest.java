package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.FloodingChatHub;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page never breaks because ChatHub is slow, down or answering nonsense: it renders the fallback in time. */
class UpstreamTroubleContainerTest {

    private static final Duration BUDGET = Duration.ofSeconds(1);

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.wait", BUDGET.toString());
        settings.put("chathub.http.timeout", "PT10S");
        container = TestContainer.start(ChatHubApps.withPage(ChatHubApps.app(settings, ""), "page.jsp", page(widget())));
        // Compile the JSP before anything is timed.
        TestHttp.anonymous().get(container.uri("/page.jsp"));
        TestHttp.anonymous().get(container.uri("/secure/page.jsp"));
    }

    @AfterEach
    void clearFaults() {
        SandboxFaults.of(sandbox).clear();
    }

    @AfterAll
    static void stop() {
        container.close();
        sandbox.close();
    }

    @Test
    void hungChatHubGivesTheFallbackWithinTheWaitBudget() {
        SandboxFaults.of(sandbox).hang(SandboxEndpoint.OPERATOR_TOKEN);

        assertFallbackWithin(container, BUDGET.plusSeconds(2));
    }

    /** John's secure page answers 200 with the fallback in less than {@code limit}. */
    private static void assertFallbackWithin(TestContainer app, Duration limit) {
        long started = System.nanoTime();
        HttpResponse<String> response = TestHttp.as("john", "pw").get(app.uri("/secure/page.jsp"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(FALLBACK), response.body());
        assertTrue(elapsed.compareTo(limit) < 0, "took " + elapsed);
    }

    @Test
    void aPageWithTheTagUnderZeroTouchWaitsForAHungChatHubOnlyOnce() {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.wait", "PT2S");
        settings.put("chathub.http.timeout", "PT10S");
        settings.put("chathub.inject", "true");
        try (TestContainer injecting = TestContainer.start(
                ChatHubApps.withPage(ChatHubApps.app(settings, ""), "page.jsp", page(widget())))) {
            TestHttp.anonymous().get(injecting.uri("/page.jsp"));
            SandboxFaults.of(sandbox).hang(SandboxEndpoint.OPERATOR_TOKEN);

            // The tag waits its 2 s; zero-touch at the </body> must not wait another 2 s for the same panel.
            assertFallbackWithin(injecting, Duration.ofMillis(3_500));
        }
    }

    @Test
    void failingChatHubGivesTheFallback() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.OPERATOR_TOKEN, 500, -1);

        HttpResponse<String> response = TestHttp.as("multi", "pw").get(container.uri("/secure/page.jsp"));

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(FALLBACK), response.body());
    }

    @Test
    void hostileTokenFromChatHubNeverReachesThePage() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN,
                "{\"token\":\"a.b.c\\\" onload=\\\"alert(1)\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");

        HttpResponse<String> response = TestHttp.as("sales", "pw").get(container.uri("/secure/page.jsp"));

        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains("alert(1)"), response.body());
        assertTrue(scripts(response.body()).isEmpty());
        assertTrue(response.body().contains(FALLBACK), response.body());
    }

    @Test
    void aChatHubTricklingAHundredMegabytesCostsThePageItsBudgetAndTheCallEndsAtItsDeadline() throws Exception {
        // 1 KiB every 50 ms: every read is quick, the whole answer would take 14 hours, 1 MiB 50 seconds.
        try (FloodingChatHub chatHub = FloodingChatHub.start(200, 1024, Duration.ofMillis(50));
             TestContainer app = TestContainer.start(ChatHubApps.withPage(
                     ChatHubApps.app(standIn(chatHub, "PT2S"), ""), "page.jsp", page(widget())))) {
            TestHttp.anonymous().get(app.uri("/page.jsp"));

            assertFallbackWithin(app, BUDGET.plusSeconds(2));
            // The call's deadline is connect (1 s) plus request timeout (2 s): well before 1 MiB could arrive.
            assertTrue(chatHub.awaitHangUp(Duration.ofSeconds(15)), "the token call is still reading");
            assertTrue(chatHub.bytesSent() < 1024 * 1024, chatHub.bytesSent() + " bytes sent");
        }
    }

    @Test
    void aChatHubFloodingAHundredMegabytesIsReadToOneMebibyteOnly() throws Exception {
        try (FloodingChatHub chatHub = FloodingChatHub.start(200, 64 * 1024, Duration.ZERO);
             TestContainer app = TestContainer.start(ChatHubApps.withPage(
                     ChatHubApps.app(standIn(chatHub, "PT30S"), ""), "page.jsp", page(widget())))) {
            TestHttp.anonymous().get(app.uri("/page.jsp"));

            assertFallbackWithin(app, BUDGET.plusSeconds(2));
            assertTrue(chatHub.awaitHangUp(Duration.ofSeconds(15)), "the token call is still reading");
            // The cap plus what the sockets' buffers held: the heap never saw more than 1 MiB of it.
            assertTrue(chatHub.bytesSent() < 16L * 1024 * 1024, chatHub.bytesSent() + " bytes sent");
        }
    }

    /** Settings for an application whose ChatHub is {@code chatHub}, reached with a company token (no login call). */
    private static Map<String, String> standIn(FloodingChatHub chatHub, String requestTimeout) {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.remove("chathub.login");
        settings.remove("chathub.password");
        settings.put("chathub.api.url", chatHub.baseUri().toString());
        settings.put("chathub.company.token", "stand-in-company-token");
        settings.put("chathub.wait", BUDGET.toString());
        settings.put("chathub.http.connect-timeout", "PT1S");
        settings.put("chathub.http.timeout", requestTimeout);
        return settings;
    }
}
