package com.smsbat.chathub.client;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures keep their kinds apart: no answer, an error status, and the excerpt of an error body. */
class ChatHubClientFailureTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);

    private ChatHubSandbox sandbox;
    private ChatHubClient client;

    @BeforeEach
    void startSandbox() {
        sandbox = ChatHubSandbox.start();
        client = client(sandbox.baseUri());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void errorStatusIsAnApiErrorWithStatusRequestIdAndBodyExcerpt() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.ORGANIZATIONS, 500, 1);

        ChatHubApiException error = assertThrows(ChatHubApiException.class, client::organizations);

        assertEquals(500, error.status());
        assertTrue(error.requestId().orElseThrow().startsWith("sandbox-"));
        assertTrue(error.bodyExcerpt().contains("fault: status 500"), error.bodyExcerpt());
        assertTrue(error.getMessage().startsWith("ChatHub answered 500 to GET /api/company/organization"),
                error.getMessage());
    }

    @Test
    void failedLoginIsAnApiErrorNotBadCredentials() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.COMPANY_TOKEN, 503, 1);

        ChatHubApiException error = assertThrows(ChatHubApiException.class, client::organizations);

        assertEquals(503, error.status());
        assertFalse(error instanceof ChatHubAuthenticationException);
    }

    @Test
    void errorStatusIsNotRetried() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.OPERATORS, 500, 1);

        assertThrows(ChatHubApiException.class, () -> client.operators(24));
        assertEquals(1, sandbox.calls(SandboxEndpoint.OPERATORS));
    }

    @Test
    void longErrorBodyIsCutTo200Characters() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, 500, "x".repeat(5_000), 1);

        ChatHubApiException error = assertThrows(ChatHubApiException.class, client::organizations);

        assertEquals("x".repeat(200), error.bodyExcerpt());
    }

    @Test
    void hangingChatHubIsAnIoErrorWithinTheRequestTimeout() {
        client.organizations();
        SandboxFaults.of(sandbox).hang(SandboxEndpoint.ORGANIZATIONS);
        long start = System.nanoTime();

        assertThrows(ChatHubIoException.class, client::organizations);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(REQUEST_TIMEOUT.multipliedBy(10)) < 0, "took " + took);
    }

    @Test
    void refusedConnectionIsAnIoError() {
        ChatHubSandbox stopped = ChatHubSandbox.start();
        URI gone = stopped.baseUri();
        stopped.close();

        ChatHubIoException error = assertThrows(ChatHubIoException.class, () -> client(gone).organizations());

        assertTrue(error.getMessage().contains(gone.toString()), error.getMessage());
    }

    private static ChatHubClient client(URI baseUri) {
        return ChatHubClient.builder()
                .baseUri(baseUri)
                .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD)
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
    }
}
