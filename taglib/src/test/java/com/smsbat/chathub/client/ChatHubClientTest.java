package com.smsbat.chathub.client;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatHubClientTest {

    private static final Organization SUPPORT = new Organization(24, "Customer Support");

    private ChatHubSandbox sandbox;
    private ChatHubClient client;

    @BeforeEach
    void startSandbox() {
        sandbox = ChatHubSandbox.start();
        client = ChatHubClient.builder()
                .baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD)
                .build();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void closedClientStopsItsThreadsAndFailsAsNoAnswer() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        client.organizations();

        client.close();

        assertThrows(ChatHubIoException.class, client::organizations);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("chathub-http-") && !before.contains(thread)) {
                thread.join(5_000);
                assertFalse(thread.isAlive(), thread.getName());
            }
        }
    }

    @Test
    void organizationsAreTheCompanysOrganizations() {
        assertEquals(List.of(SUPPORT, new Organization(31, "Sales")), client.organizations());
    }

    @Test
    void operatorsOfAnOrganizationComeWithStatusAndOrganization() {
        assertEquals(List.of(
                new Operator(101, "John Smith", OperatorStatus.ACTIVE, SUPPORT),
                new Operator(102, "Maria Garcia", OperatorStatus.ACTIVE, SUPPORT),
                new Operator(103, "Wei Chen", OperatorStatus.INACTIVE, SUPPORT)), client.operators(24));
    }

    @Test
    void operatorTokenIsAJwtThatExpiresWhenAskedFor() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        OperatorToken token = client.operatorToken(101, expiresAt);

        assertTrue(OperatorToken.isJwtShaped(token.token()));
        assertEquals(expiresAt, token.expiresAt());
    }

    @Test
    void operatorTokenExpiryFollowsTheJwtExpClaimWhenThatIsEarlier() {
        Instant whole = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        OperatorToken token = client.operatorToken(101, whole.plusMillis(900));

        assertEquals(whole, token.expiresAt());
    }

    @Test
    void validateTokenAcceptsATokenJustIssued() {
        OperatorToken token = client.operatorToken(102, Instant.now().plus(Duration.ofHours(2)));

        assertEquals(new TokenValidation(true, 102L, token.expiresAt(), null), client.validateToken(token.token()));
    }

    @Test
    void validateTokenRejectsATamperedToken() {
        String token = client.operatorToken(101, Instant.now().plus(Duration.ofHours(1))).token();
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

        TokenValidation validation = client.validateToken(tampered);

        assertFalse(validation.valid());
        assertEquals("Invalid token", validation.error());
    }

    @Test
    void synchronizeAddsOperatorsAndReturnsTheirIds() {
        List<Operator> added = client.synchronize(List.of(new NewOperator(24, "Nina Petrova")));

        assertEquals(List.of(new Operator(1001, "Nina Petrova", OperatorStatus.ACTIVE, null)), added);
        assertTrue(client.operators(24).contains(new Operator(1001, "Nina Petrova", OperatorStatus.ACTIVE, SUPPORT)));
    }

    @Test
    void setStatusChangesTheOperatorsStatus() {
        client.setStatus(102, OperatorStatus.INACTIVE);

        assertTrue(client.operators(24).contains(new Operator(102, "Maria Garcia", OperatorStatus.INACTIVE, SUPPORT)));
    }

    @Test
    void setStatusRefusesTheUnknownStatus() {
        assertThrows(IllegalArgumentException.class, () -> client.setStatus(102, OperatorStatus.OTHER));
        assertEquals(0, sandbox.calls(SandboxEndpoint.STATUS));
    }

    @Test
    void companyTokenIsObtainedOnceForManyCalls() {
        client.organizations();
        client.operators(24);
        client.operators(31);

        assertEquals(1, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
    }

    @Test
    void configuredCompanyTokenIsUsedWithoutLoggingIn() {
        ChatHubClient withToken = ChatHubClient.builder()
                .baseUri(sandbox.baseUri())
                .companyToken(ChatHubSandbox.COMPANY_TOKEN)
                .build();

        assertEquals(2, withToken.organizations().size());
        assertEquals(0, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
    }

    @Test
    void unknownOperatorIsAnApiErrorWithStatusAndRequestId() {
        ChatHubApiException error = assertThrows(ChatHubApiException.class,
                () -> client.operatorToken(999, Instant.now().plus(Duration.ofHours(1))));

        assertEquals(404, error.status());
        assertTrue(error.requestId().isPresent());
        assertTrue(error.getMessage().contains("404 to POST /api/operator/get-token"), error.getMessage());
    }

    @Test
    void toStringNamesOnlyTheBaseUri() {
        assertEquals("ChatHubClient[" + sandbox.baseUri() + "]", client.toString());
    }

    @Test
    void builderRefusesToBuildWithoutCredentials() {
        assertThrows(IllegalStateException.class, () -> ChatHubClient.builder().build());
    }

    @Test
    void builderRefusesToBuildWithBothKindsOfCredentials() {
        ChatHubClient.Builder builder = ChatHubClient.builder().credentials("login", "password").companyToken("token");

        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void builderRefusesABaseUriWithUserInfo() {
        assertThrows(IllegalArgumentException.class,
                () -> ChatHubClient.builder().baseUri(URI.create("https://user:secret@chatapi.smsbat.com")));
    }
}
