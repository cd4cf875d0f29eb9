package com.smsbat.chathub.client;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the client reads ChatHub's bodies, in every form ChatHub's docs show and in forms it must refuse. */
class ChatHubClientBodyTest {

    private static final String TOKEN_ENCODINGS = "com.smsbat.chathub.sandbox.SandboxFaults#tokenEncodings";

    private final Instant requested = Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS);
    private final String jwt = TestJwts.withPayload("{\"sub\":\"101\"}");

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

    /** JSON_STRING and TEXT_PLAIN are ChatHub's two answers (as the request's Accept asks); the others its docs' variants. */
    @ParameterizedTest
    @MethodSource(TOKEN_ENCODINGS)
    void operatorTokenIsReadInEveryEncodingAndExpiresWhenAskedFor(String encoding) {
        SandboxFaults.of(sandbox).encodeTokens(encoding);

        OperatorToken token = client.operatorToken(101, requested);

        assertEquals(requested, token.expiresAt());
        assertEquals(new TokenValidation(true, 101L, requested, null), client.validateToken(token.token()));
    }

    @ParameterizedTest
    @MethodSource(TOKEN_ENCODINGS)
    void companyTokenIsReadInEveryEncoding(String encoding) {
        SandboxFaults.of(sandbox).encodeTokens(encoding);

        assertEquals(2, client.organizations().size());
        assertEquals(1, sandbox.calls(SandboxEndpoint.COMPANY_TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s", "\"%s\"", "{\"token\":\"%s\"}", "  %s\r\n"})
    void operatorTokenIsReadFromEveryDocumentedBodyForm(String form) {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, form.formatted(jwt));

        assertEquals(new OperatorToken(jwt, requested), client.operatorToken(101, requested));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s", "\"%s\"", "{\"token\":\"%s\",\"expiration\":null}"})
    void companyTokenIsReadFromEveryDocumentedBodyForm(String form) {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.COMPANY_TOKEN, form.formatted(ChatHubSandbox.COMPANY_TOKEN));

        assertEquals(2, client.organizations().size());
    }

    @Test
    void earlierExpirationInTheBodyWins() {
        Instant earlier = requested.minus(Duration.ofHours(1));
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN,
                "{\"token\":\"" + jwt + "\",\"expiration\":\"" + earlier + "\"}");

        assertEquals(earlier, client.operatorToken(101, requested).expiresAt());
    }

    @Test
    void earlierExpiresAtInTheBodyWins() {
        Instant earlier = requested.minus(Duration.ofMinutes(5));
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN,
                "{\"token\":\"" + jwt + "\",\"expiresAt\":\"" + earlier + "\"}");

        assertEquals(earlier, client.operatorToken(101, requested).expiresAt());
    }

    @Test
    void laterExpiryInTheBodyIsNotTrusted() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN,
                "{\"token\":\"" + jwt + "\",\"expiresAt\":\"" + requested.plus(Duration.ofDays(3)) + "\"}");

        assertEquals(requested, client.operatorToken(101, requested).expiresAt());
    }

    @Test
    void earlierJwtExpClaimWins() {
        Instant exp = requested.minus(Duration.ofHours(2));
        String token = TestJwts.withExp(exp.getEpochSecond());
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN,
                "{\"token\":\"" + token + "\",\"expiresAt\":\"" + requested.minus(Duration.ofHours(1)) + "\"}");

        assertEquals(exp, client.operatorToken(101, requested).expiresAt());
    }

    @Test
    void unreadableJwtClaimsLeaveTheRequestedExpiry() {
        String garbled = TestJwts.withPayload("not json").replaceFirst("\\.", ".x");
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, garbled);

        assertEquals(requested, client.operatorToken(101, requested).expiresAt());
    }

    @Test
    void operatorTokenThatIsNotAJwtIsAnUnusableAnswer() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, "{\"token\":\"not-a-jwt\"}");

        assertThrows(ChatHubResponseException.class, () -> client.operatorToken(101, requested));
    }

    @Test
    void tokenObjectWithoutTokenIsAnUnusableAnswer() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, "{\"expiresAt\":\"" + requested + "\"}");

        ChatHubResponseException error = assertThrows(ChatHubResponseException.class,
                () -> client.operatorToken(101, requested));
        assertTrue(error.getMessage().contains("$.token"), error.getMessage());
    }

    @Test
    void emptyTokenBodyIsAnUnusableAnswer() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, "");

        assertThrows(ChatHubResponseException.class, () -> client.operatorToken(101, requested));
    }

    @Test
    void garbageInsteadOfJsonIsAnUnusableAnswer() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, "<html><body>Service Unavailable</body></html>");

        assertThrows(ChatHubResponseException.class, client::organizations);
    }

    @Test
    void truncatedJsonIsAnUnusableAnswer() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, "[{\"id\":24,\"name\":\"Customer Sup");

        assertThrows(ChatHubResponseException.class, client::organizations);
    }

    @Test
    void missingRequiredFieldIsAnUnusableAnswerNamingTheField() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATORS, "[{\"id\":101,\"name\":\"A\",\"status\":0},{\"id\":7,\"status\":0}]");

        ChatHubResponseException error = assertThrows(ChatHubResponseException.class, () -> client.operators(24));
        assertTrue(error.getMessage().contains("$[1].name"), error.getMessage());
    }

    @Test
    void valueOfTheWrongTypeIsAnUnusableAnswerNamingItsPlace() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, "[{\"id\":\"twenty-four\",\"name\":\"A\"}]");

        ChatHubResponseException error = assertThrows(ChatHubResponseException.class, client::organizations);
        assertTrue(error.getMessage().contains("$[0].id"), error.getMessage());
    }

    @Test
    void unknownFieldsAreIgnored() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, "[{\"id\":7,\"name\":\"Billing\",\"region\":{\"eu\":true}}]");

        assertEquals(List.of(new Organization(7, "Billing")), client.organizations());
    }

    @Test
    void unknownOperatorStatusCodeIsOther() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATORS, "[{\"id\":101,\"name\":\"John Smith\",\"status\":9}]");

        assertEquals(OperatorStatus.OTHER, client.operators(24).get(0).status());
    }

    @Test
    void negativeValidationNeedsOnlyItsVerdict() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.VALIDATE_TOKEN, "{\"isValid\":false}");

        assertEquals(new TokenValidation(false, null, null, null), client.validateToken(jwt));
    }

    @Test
    void validationWithoutVerdictIsAnUnusableAnswer() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.VALIDATE_TOKEN, "{\"operatorId\":101}");

        assertThrows(ChatHubResponseException.class, () -> client.validateToken(jwt));
    }
}
