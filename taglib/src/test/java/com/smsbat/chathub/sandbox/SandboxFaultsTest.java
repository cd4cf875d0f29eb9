package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxFaultsTest {

    private static final String TOKEN = ChatHubSandbox.COMPANY_TOKEN;
    private static final String ORGANIZATIONS = "/api/company/organization";
    private static final String LOGIN = "{\"login\":\"sandbox\",\"password\":\"sandbox\"}";

    private ChatHubSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void startSandbox() {
        sandbox = ChatHubSandbox.start();
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void failAnswersTheStatusTheGivenNumberOfTimes() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.ORGANIZATIONS, 503, 2);

        assertEquals(503, http.get(ORGANIZATIONS, TOKEN).statusCode());
        assertEquals(503, http.get(ORGANIZATIONS, TOKEN).statusCode());
        assertEquals(200, http.get(ORGANIZATIONS, TOKEN).statusCode());
    }

    @Test
    void failureComesBeforeCompanyAuth() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.ORGANIZATIONS, 500, 1);

        assertEquals(500, http.get(ORGANIZATIONS, null).statusCode());
    }

    @Test
    void respondGivesTheRawBodyUntilCleared() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, "not json at all");

        assertEquals("not json at all", http.get(ORGANIZATIONS, TOKEN).body());
        assertEquals("not json at all", http.get(ORGANIZATIONS, TOKEN).body());
        SandboxFaults.of(sandbox).clear();
        assertEquals(200, http.get(ORGANIZATIONS, TOKEN).statusCode());
        assertTrue(http.get(ORGANIZATIONS, TOKEN).body().startsWith("[{"));
    }

    @Test
    void cannedAnswersComeInTheOrderTheyWereAdded() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.ORGANIZATIONS, 500, 1).respond(SandboxEndpoint.ORGANIZATIONS, 401, "no", 1);

        assertEquals(500, http.get(ORGANIZATIONS, TOKEN).statusCode());
        assertEquals(401, http.get(ORGANIZATIONS, TOKEN).statusCode());
        assertEquals(200, http.get(ORGANIZATIONS, TOKEN).statusCode());
    }

    @Test
    void faultsAffectOnlyTheirEndpoint() {
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.OPERATORS, 500, SandboxFaults.FOREVER);

        assertEquals(200, http.get(ORGANIZATIONS, TOKEN).statusCode());
    }

    @Test
    void delayHoldsTheAnswerBack() {
        SandboxFaults.of(sandbox).delay(SandboxEndpoint.ORGANIZATIONS, Duration.ofMillis(300));
        long start = System.nanoTime();

        assertEquals(200, http.get(ORGANIZATIONS, TOKEN).statusCode());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void hungRequestIsAnsweredOnceCleared() throws Exception {
        SandboxFaults.of(sandbox).hang(SandboxEndpoint.ORGANIZATIONS);
        CompletableFuture<HttpResponse<String>> hung = http.getAsync(ORGANIZATIONS, TOKEN);
        awaitCalls(SandboxEndpoint.ORGANIZATIONS, 1);
        assertFalse(hung.isDone());

        SandboxFaults.of(sandbox).clear();

        assertEquals(200, hung.get(5, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void hungRequestDoesNotHoldUpOthers() {
        SandboxFaults.of(sandbox).hang(SandboxEndpoint.ORGANIZATIONS);
        http.getAsync(ORGANIZATIONS, TOKEN);
        http.getAsync(ORGANIZATIONS, TOKEN);
        awaitCalls(SandboxEndpoint.ORGANIZATIONS, 2);

        assertEquals(200, http.get("/api/operator?organizationId=24", TOKEN).statusCode());
    }

    @Test
    void closeReleasesHungRequestsPromptly() {
        SandboxFaults.of(sandbox).hang(SandboxEndpoint.ORGANIZATIONS);
        CompletableFuture<HttpResponse<String>> hung = http.getAsync(ORGANIZATIONS, TOKEN);
        awaitCalls(SandboxEndpoint.ORGANIZATIONS, 1);
        long start = System.nanoTime();

        sandbox.close();

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertThrows(ExecutionException.class, () -> hung.get(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "JSON_STRING|application/json|\"eyJ",
            "TEXT_PLAIN|text/plain|eyJ",
            "OBJECT|application/json|{\"token\":\"eyJ",
            "BARE||eyJ"})
    void encodeTokensAnswersEveryGetTokenInThatEncodingWhateverTheRequestAccepts(ChatHubSandbox.TokenEncoding encoding,
                                                                                 String mediaType, String bodyStart) {
        SandboxFaults.of(sandbox).encodeTokens(encoding);

        HttpResponse<String> login = http.post("/api/company/get-token", LOGIN, null, "text/plain");
        HttpResponse<String> operator = http.post("/api/operator/get-token",
                "{\"id\":101,\"expiresAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}", TOKEN);

        for (HttpResponse<String> response : List.of(login, operator)) {
            assertEquals(200, response.statusCode());
            assertEquals(mediaType == null ? "" : mediaType, SandboxHttp.mediaType(response));
            assertTrue(response.body().startsWith(bodyStart), response.body());
        }
        assertEquals(2, sandbox.tokenAnswers(encoding));
    }

    @Test
    void objectEncodingNamesTheOperatorTokensExpiry() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        SandboxFaults.of(sandbox).encodeTokens(ChatHubSandbox.TokenEncoding.OBJECT);

        JsonNode body = SandboxHttp.json(http.post("/api/operator/get-token",
                "{\"id\":101,\"expiresAt\":\"" + expiresAt + "\"}", TOKEN));

        assertEquals(expiresAt.toString(), body.path("expiresAt").asText());
    }

    @Test
    void clearGoesBackToTheDocumentedEncoding() {
        SandboxFaults.of(sandbox).encodeTokens(ChatHubSandbox.TokenEncoding.OBJECT);

        SandboxFaults.of(sandbox).clear();

        assertTrue(SandboxHttp.json(http.post("/api/company/get-token", LOGIN, null)).isTextual());
        assertEquals(1, sandbox.tokenAnswers(ChatHubSandbox.TokenEncoding.JSON_STRING));
        assertEquals(0, sandbox.tokenAnswers(ChatHubSandbox.TokenEncoding.OBJECT));
    }

    @Test
    void timesMustBePositiveOrForever() {
        assertThrows(IllegalArgumentException.class, () -> SandboxFaults.of(sandbox).fail(SandboxEndpoint.STATUS, 500, 0));
    }

    /** Waits, at most 5 seconds, until the sandbox has received {@code count} calls to {@code endpoint}. */
    private void awaitCalls(SandboxEndpoint endpoint, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sandbox.calls(endpoint) < count) {
            assertTrue(System.nanoTime() < deadline, "expected " + count + " calls to " + endpoint);
            Thread.onSpinWait();
        }
    }
}
