package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Onboarding's creations: one operator per application user, and no more than the allowance in any minute. */
class ChatHubDirectoryTest {

    private static final Duration BUDGET = Duration.ofSeconds(10);

    private final ChatHubSandbox sandbox = ChatHubSandbox.start();
    private final ChatHubClient client = ChatHubClient.builder().baseUri(sandbox.baseUri())
            .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T09:00:00Z"));

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private ChatHubDirectory directory(int maxPerMinute) {
        return new ChatHubDirectory(client, Runnable::run, clock, Duration.ofMinutes(10), maxPerMinute);
    }

    @Test
    void aUserWhoseNameChangedGetsNoSecondOperator() {
        ChatHubDirectory directory = directory(10);

        ChatHubDirectory.Creation first = directory.createdOperator(24, "Ann Lee", "ann", BUDGET);
        ChatHubDirectory.Creation second = directory.createdOperator(24, "Ann Smith", "ann", BUDGET);

        assertTrue(first.id.isPresent());
        assertFalse(second.id.isPresent());
        assertTrue(second.refusal.contains("already created for this user"), second.refusal);
        assertEquals(1, sandbox.calls(SandboxEndpoint.SYNCHRONIZE));
    }

    @Test
    void creationsBeyondTheMinutesAllowanceWaitForTheNextMinute() {
        ChatHubDirectory directory = directory(2);
        directory.createdOperator(24, "One", "one", BUDGET);
        directory.createdOperator(24, "Two", "two", BUDGET);

        ChatHubDirectory.Creation third = directory.createdOperator(24, "Three", "three", BUDGET);
        clock.advance(Duration.ofSeconds(61));
        ChatHubDirectory.Creation later = directory.createdOperator(24, "Three", "three", BUDGET);

        assertFalse(third.id.isPresent());
        assertTrue(third.refusal.contains("chathub.operator.provision.max-per-minute"), third.refusal);
        assertTrue(later.id.isPresent());
        assertEquals(3, sandbox.calls(SandboxEndpoint.SYNCHRONIZE));
    }
}
