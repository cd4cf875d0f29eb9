package com.smsbat.chathub.client;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.FloodingChatHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ChatHub (or whatever answers in its place) can make the client hold: at most 1 MiB of an answer, a token of
 * at most 8 KiB, a call of at most the connect and request timeouts; and it must be https unless on this machine.
 */
class ChatHubClientLimitsTest {

    private static final int CHUNK = 64 * 1024;
    /** Far below the 100 MB on offer: the cap plus what the sockets' buffers took before the client hung up. */
    private static final long READ_AT_MOST = 16L * 1024 * 1024;

    private static ChatHubClient client(URI baseUri, Duration requestTimeout) {
        return ChatHubClient.builder().baseUri(baseUri).companyToken("company-token")
                .connectTimeout(Duration.ofSeconds(1)).requestTimeout(requestTimeout).build();
    }

    @Test
    void aHundredMegabyteAnswerIsAnUnusableBodyAndReadingStopsAtOneMebibyte() throws InterruptedException {
        try (FloodingChatHub chatHub = FloodingChatHub.start(200, CHUNK, Duration.ZERO);
             ChatHubClient client = client(chatHub.baseUri(), Duration.ofSeconds(30))) {

            ChatHubResponseException error = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(ChatHubResponseException.class, client::organizations));

            assertTrue(error.getMessage().contains("a body over 1048576 bytes"), error.getMessage());
            assertTrue(chatHub.awaitHangUp(Duration.ofSeconds(10)), "the client read on");
            assertTrue(chatHub.bytesSent() < READ_AT_MOST, chatHub.bytesSent() + " bytes sent");
        }
    }

    @Test
    void aHundredMegabyteErrorAnswerStaysAnApiErrorWithItsStatus() throws InterruptedException {
        try (FloodingChatHub chatHub = FloodingChatHub.start(503, CHUNK, Duration.ZERO);
             ChatHubClient client = client(chatHub.baseUri(), Duration.ofSeconds(30))) {

            // Its excerpt, too, is made in one pass over the 1 MiB kept, not one per character.
            ChatHubApiException error = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(ChatHubApiException.class, client::organizations));

            assertEquals(503, error.status());
            assertTrue(chatHub.awaitHangUp(Duration.ofSeconds(10)), "the client read on");
            assertTrue(chatHub.bytesSent() < READ_AT_MOST, chatHub.bytesSent() + " bytes sent");
        }
    }

    @Test
    void anAnswerTrickledForEverEndsAsNoAnswerWithinConnectAndRequestTimeout() {
        // 1 KiB every 100 ms: each read is quick, the whole 100 MB would take 29 hours.
        try (FloodingChatHub chatHub = FloodingChatHub.start(200, 1024, Duration.ofMillis(100));
             ChatHubClient client = client(chatHub.baseUri(), Duration.ofSeconds(1))) {

            ChatHubIoException error = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(ChatHubIoException.class, client::organizations));

            assertTrue(error.getMessage().contains("did not finish answering GET /api/company/organization within PT2S"),
                    error.getMessage());
        }
    }

    @Test
    void aTokenLongerThan8KiBIsABadAnswer() {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start();
             ChatHubClient client = ChatHubClient.builder().baseUri(sandbox.baseUri())
                     .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build()) {
            String longJwt = TestJwts.withPayload("{\"sub\":\"101\",\"pad\":\"" + "x".repeat(OperatorToken.MAX_LENGTH) + "\"}");
            SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, longJwt);

            ChatHubResponseException error = assertThrows(ChatHubResponseException.class,
                    () -> client.operatorToken(101, Instant.now().plusSeconds(3600)));

            assertTrue(error.getMessage().contains("a token longer than 8192 characters"), error.getMessage());
            assertTrue(!error.getMessage().contains(longJwt.substring(0, 20)), error.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://chat.example.com", "http://10.0.0.5:8080", "ftp://127.0.0.1", "http://127.example.com"})
    void plainHttpToAnotherMachineIsRefusedNamingTheAddress(String address) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ChatHubClient.builder().baseUri(URI.create(address)));

        assertTrue(refused.getMessage().contains("was " + address), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://chat.example.com", "http://127.0.0.1:8090", "http://127.1.2.3", "http://localhost:1",
            "http://[::1]:8090", "http://[0:0:0:0:0:0:0:1]"})
    void httpsAnywhereAndPlainHttpOnLoopbackAreAccepted(String address) {
        assertTrue(ChatHubClient.isSecureAddress(URI.create(address)));
        ChatHubClient.builder().baseUri(URI.create(address));
    }
}
