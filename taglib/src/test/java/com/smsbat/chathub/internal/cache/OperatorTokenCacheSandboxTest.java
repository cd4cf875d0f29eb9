package com.smsbat.chathub.internal.cache;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache over real HTTP: ChatHub client, validation and the sandbox, sharing one fake clock. Fetches run
 * on a single test-owned thread, so "the background refresh has finished" is simply "the queue is drained".
 */
class OperatorTokenCacheSandboxTest {

    private static final OperatorAssignment JOHN = new OperatorAssignment(24, 101);
    /** Default lifetime (23 h 50 min) less the default refresh-ahead (1 h), jitter off. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(23).plusMinutes(50);
    private static final Duration REFRESH_POINT = Duration.ofHours(22).plusMinutes(50);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final ChatHubSandbox sandbox = ChatHubSandbox.builder().clock(clock).start();
    private final ChatHubClient client = ChatHubClient.builder().baseUri(sandbox.baseUri())
            .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).clock(clock).build();
    private final ExecutorService fetches = Executors.newSingleThreadExecutor();
    private final List<OperatorTokenCache> caches = new ArrayList<>();

    @AfterEach
    void stop() {
        caches.forEach(OperatorTokenCache::close);
        SandboxFaults.of(sandbox).clear();
        fetches.shutdownNow();
        sandbox.close();
    }

    private OperatorTokenCache cache(Duration waitBudget) {
        OperatorTokenCache cache = OperatorTokenCache.builder(OperatorTokenSource.chatHub(client, true))
                .clock(clock)
                .executor(fetches)
                .waitBudget(waitBudget)
                .jitter(() -> 0.0)
                .build();
        caches.add(cache);
        return cache;
    }

    private void drainFetches() throws Exception {
        fetches.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoHundredConcurrentColdViewsMakeOneGetTokenAndOneValidateCall() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        ExecutorService viewers = Executors.newFixedThreadPool(200);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<OperatorToken>>> views = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                views.add(viewers.submit(() -> {
                    start.await();
                    return cache.get(JOHN);
                }));
            }
            start.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<Optional<OperatorToken>> view : views) {
                tokens.add(view.get(30, TimeUnit.SECONDS).orElseThrow().token());
            }

            assertEquals(1, tokens.size());
            assertEquals(1, sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN));
            assertEquals(1, sandbox.calls(SandboxEndpoint.VALIDATE_TOKEN));
        } finally {
            viewers.shutdownNow();
        }
    }

    @Test
    void tokenFromTheDocumentedStringAnswerExpiresAtTheRequestedLifetime() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));

        assertEquals(clock.instant().plus(DEFAULT_LIFETIME), cache.get(JOHN).orElseThrow().expiresAt());
    }

    @Test
    void refreshAheadServesTheCurrentTokenWhileChatHubIssuesTheNextOne() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        String first = cache.get(JOHN).orElseThrow().token();

        clock.advance(REFRESH_POINT);
        SandboxFaults faults = SandboxFaults.of(sandbox).delay(SandboxEndpoint.OPERATOR_TOKEN, Duration.ofMillis(300));
        assertEquals(first, cache.get(JOHN).orElseThrow().token());
        drainFetches();
        faults.clear();

        assertNotEquals(first, cache.get(JOHN).orElseThrow().token());
        assertEquals(2, sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN));
    }

    @Test
    void callerNeedingLongerLifeGetsTheNextTokenInsteadOfTheOneItReplaces() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        OperatorToken first = cache.get(JOHN).orElseThrow();
        clock.set(first.expiresAt().minus(Duration.ofMinutes(20)));

        OperatorToken next = cache.get(JOHN, Duration.ofMinutes(30)).orElseThrow();

        assertNotEquals(first.token(), next.token());
        assertTrue(next.expiresAt().isAfter(first.expiresAt()));
        assertEquals(2, sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN));
    }

    @Test
    void callerNeedingLongerLifeStillGetsTheCurrentTokenWhileChatHubFails() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        OperatorToken first = cache.get(JOHN).orElseThrow();
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.OPERATOR_TOKEN, 500, SandboxFaults.FOREVER);
        clock.set(first.expiresAt().minus(Duration.ofMinutes(20)));

        assertEquals(first, cache.get(JOHN, Duration.ofMinutes(30)).orElseThrow());
        drainFetches();
        assertEquals(first, cache.get(JOHN, Duration.ofMinutes(30)).orElseThrow());
        assertEquals(2, sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN), "the second ask is held off by backoff");
    }

    @Test
    void failingChatHubKeepsTheValidTokenInServiceAndBackoffBoundsTheRetries() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        String first = cache.get(JOHN).orElseThrow().token();
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.OPERATOR_TOKEN, 500, SandboxFaults.FOREVER);
        clock.advance(REFRESH_POINT);

        for (int view = 0; view < 100; view++) {
            assertEquals(first, cache.get(JOHN).orElseThrow().token());
            drainFetches();
            clock.advance(Duration.ofSeconds(30));
        }

        int retries = sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN) - 1;
        assertTrue(retries >= 3 && retries <= 20, "retries in 50 minutes of failures: " + retries);
    }

    @Test
    void garbageFromChatHubKeepsTheValidTokenInService() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        String first = cache.get(JOHN).orElseThrow().token();
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, "<html>maintenance</html>");
        clock.advance(REFRESH_POINT);

        assertEquals(first, cache.get(JOHN).orElseThrow().token());
        drainFetches();

        assertEquals(first, cache.get(JOHN).orElseThrow().token());
        assertEquals(1, cache.stats().failures());
    }

    @Test
    void expiredTokenIsNeverServedWhileChatHubFails() throws Exception {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        OperatorToken first = cache.get(JOHN).orElseThrow();
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.OPERATOR_TOKEN, 503, SandboxFaults.FOREVER);

        clock.set(first.expiresAt().minusSeconds(30));

        assertEquals(Optional.empty(), cache.get(JOHN));
        drainFetches();
        clock.set(first.expiresAt().plusSeconds(1));
        assertEquals(Optional.empty(), cache.get(JOHN));
    }

    @Test
    void hungChatHubLeavesAColdViewEmptyHandedWithinTheBudget() {
        OperatorTokenCache cache = cache(Duration.ofMillis(500));
        SandboxFaults.of(sandbox).hang(SandboxEndpoint.OPERATOR_TOKEN);

        long started = System.nanoTime();
        Optional<OperatorToken> token = cache.get(JOHN);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(Optional.empty(), token);
        assertTrue(waited.compareTo(Duration.ofSeconds(2)) < 0, "waited " + waited);
    }

    @Test
    void tokenValidatedForAnotherOperatorIsRefused() {
        OperatorTokenCache cache = cache(Duration.ofSeconds(10));
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.VALIDATE_TOKEN,
                "{\"isValid\":true,\"operatorId\":999,\"clientId\":0,\"expiresAt\":null,\"error\":null}");

        assertEquals(Optional.empty(), cache.get(JOHN));
        assertEquals(1, cache.stats().failures());
    }

    @Test
    void cacheHoldsNoMoreOperatorsThanItsBound() {
        OperatorTokenCache cache = OperatorTokenCache.builder(OperatorTokenSource.chatHub(client, false))
                .clock(clock).waitBudget(Duration.ofSeconds(10)).maxEntries(2).build();
        caches.add(cache);

        for (OperatorAssignment key : List.of(JOHN, new OperatorAssignment(24, 102), new OperatorAssignment(31, 201), new OperatorAssignment(31, 202))) {
            assertTrue(cache.get(key).isPresent());
        }

        assertEquals(2, cache.stats().entries());
    }
}
