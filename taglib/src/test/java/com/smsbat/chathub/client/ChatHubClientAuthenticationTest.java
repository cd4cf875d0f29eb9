package com.smsbat.chathub.client;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Company authentication: one re-login per stale token, never a loop, and a back-off once ChatHub says no. */
class ChatHubClientAuthenticationTest {

    private static final int CONCURRENT_CALLS = 50;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private ChatHubSandbox sandbox;
    private ExecutorService callers;

    @BeforeEach
    void startSandbox() {
        sandbox = ChatHubSandbox.start();
    }

    @AfterEach
    void stopSandbox() {
        if (callers != null) {
            callers.shutdownNow();
        }
        sandbox.close();
    }

    @Test
    void unauthorizedCallLogsInAgainOnceAndRepeatsTheCall() {
        ChatHubClient client = client(ChatHubSandbox.PASSWORD);
        client.organizations();
        sandbox.revokeCompanyTokens();
        sandbox.resetCalls();

        assertEquals(2, client.organizations().size());
        assertEquals(1, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
        assertEquals(2, sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
    }

    @Test
    void concurrentUnauthorizedCallsShareOneRelogin() throws Exception {
        ChatHubClient client = client(ChatHubSandbox.PASSWORD);
        client.organizations();
        sandbox.revokeCompanyTokens();
        sandbox.resetCalls();
        // A slow login keeps the stale token in use by every caller until the new one arrives.
        SandboxFaults.of(sandbox).delay(SandboxEndpoint.COMPANY_TOKEN, Duration.ofMillis(200));

        for (Future<List<Organization>> result : concurrently(client::organizations)) {
            assertEquals(2, result.get(10, TimeUnit.SECONDS).size());
        }
        assertEquals(1, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
    }

    @Test
    void secondUnauthorizedAfterReloginIsReportedAsBadCredentials() {
        ChatHubClient client = client(ChatHubSandbox.PASSWORD);
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.ORGANIZATIONS, 401, SandboxFaults.FOREVER);

        ChatHubAuthenticationException error = assertThrows(ChatHubAuthenticationException.class, client::organizations);

        assertEquals(401, error.status());
        assertEquals(2, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
        assertEquals(2, sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
    }

    @Test
    void wrongPasswordIsReportedAsBadCredentials() {
        ChatHubClient client = client("wrong-password");

        ChatHubAuthenticationException error = assertThrows(ChatHubAuthenticationException.class, client::organizations);

        assertEquals(401, error.status());
        assertTrue(error.requestId().isPresent());
        assertTrue(error.getMessage().contains("login 'sandbox'"), error.getMessage());
        assertEquals(0, sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
    }

    @Test
    void callsDuringTheBackOffFailFastWithoutCallingChatHub() {
        ChatHubClient client = client("wrong-password");
        assertThrows(ChatHubAuthenticationException.class, client::organizations);
        sandbox.resetCalls();
        clock.advance(Duration.ofSeconds(29));

        assertThrows(ChatHubAuthenticationException.class, () -> client.operators(24));
        assertThrows(ChatHubAuthenticationException.class, client::organizations);
        assertEquals(0, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
        assertEquals(0, sandbox.calls(SandboxEndpoint.OPERATORS));
        assertEquals(0, sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
    }

    @Test
    void callsAfterTheBackOffAskChatHubAgain() {
        ChatHubClient client = client("wrong-password");
        assertThrows(ChatHubAuthenticationException.class, client::organizations);
        sandbox.resetCalls();
        clock.advance(Duration.ofSeconds(30));

        assertThrows(ChatHubAuthenticationException.class, client::organizations);
        assertEquals(1, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
    }

    @Test
    void clientRecoversAfterTheBackOffOnceChatHubAcceptsTheCredentials() {
        ChatHubClient client = client(ChatHubSandbox.PASSWORD);
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.COMPANY_TOKEN, 401, 1);
        assertThrows(ChatHubAuthenticationException.class, client::organizations);
        clock.advance(Duration.ofSeconds(31));

        assertEquals(2, client.organizations().size());
    }

    @Test
    void concurrentCallsWithAWrongPasswordLogInOnce() throws Exception {
        ChatHubClient client = client("wrong-password");

        for (Future<List<Organization>> result : concurrently(client::organizations)) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ChatHubAuthenticationException.class, failure.getCause());
        }
        assertEquals(1, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
    }

    @Test
    void refusedCompanyTokenIsReportedAsBadCredentialsWithoutLoggingIn() {
        ChatHubClient client = ChatHubClient.builder()
                .baseUri(sandbox.baseUri())
                .companyToken("revoked-company-token")
                .clock(clock)
                .build();

        ChatHubAuthenticationException error = assertThrows(ChatHubAuthenticationException.class, client::organizations);

        assertTrue(error.getMessage().contains("configured company token"), error.getMessage());
        assertEquals(1, sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
        assertEquals(0, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
    }

    private ChatHubClient client(String password) {
        return ChatHubClient.builder()
                .baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, password)
                .clock(clock)
                .build();
    }

    /** Runs {@code call} on {@link #CONCURRENT_CALLS} threads released at the same moment. */
    private <T> List<Future<T>> concurrently(Callable<T> call) throws InterruptedException {
        callers = Executors.newFixedThreadPool(CONCURRENT_CALLS);
        CountDownLatch ready = new CountDownLatch(CONCURRENT_CALLS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> results = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            results.add(callers.submit(() -> {
                ready.countDown();
                go.await();
                return call.call();
            }));
        }
        assertTrue(ready.await(10, TimeUnit.SECONDS));
        go.countDown();
        return results;
    }
}
