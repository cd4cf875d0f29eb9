package com.smsbat.chathub.sandbox;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.sandbox.ChatHubSandbox.TokenEncoding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the library's own client gets from a sandbox nobody has configured: the reference pages' JSON strings, so the
 * demo, the container tests and the benchmarks, which all use the client with such a sandbox, run on the documented
 * wire format.
 */
class SandboxDefaultEncodingTest {

    private final ChatHubSandbox sandbox = ChatHubSandbox.start();
    private final ChatHubClient client = ChatHubClient.builder().baseUri(sandbox.baseUri())
            .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build();

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    @Test
    void clientGetsEveryTokenAsTheDocumentedJsonString() {
        client.operators(24);
        client.operatorToken(101, Instant.now().plus(Duration.ofHours(1)));

        assertEquals(2, sandbox.tokenAnswers(TokenEncoding.JSON_STRING));
        for (TokenEncoding other : new TokenEncoding[] {TokenEncoding.TEXT_PLAIN, TokenEncoding.OBJECT, TokenEncoding.BARE}) {
            assertEquals(0, sandbox.tokenAnswers(other), other.name());
        }
    }
}
