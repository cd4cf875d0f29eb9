package com.smsbat.chathub.client;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planted secrets, echoed back by ChatHub in every way we can think of, never reach an exception (message, cause,
 * toString, body excerpt) or a log record.
 */
class ChatHubClientSecretsTest {

    private static final String PASSWORD = "planted-Pa55word\"with-quote";
    private static final String COMPANY_TOKEN = "planted-company-token-7f3a9c";
    private static final String OPAQUE_OPERATOR_TOKEN = "planted-opaque-operator-token-52c1";
    private static final String JWT = TestJwts.withPayload("{\"sub\":\"planted-jwt-subject\"}");
    private static final List<String> SECRETS = List.of(PASSWORD, COMPANY_TOKEN, OPAQUE_OPERATOR_TOKEN, JWT,
            "planted-jwt-subject", "Pa55word");

    private LogCapture log;
    private ChatHubSandbox sandbox;

    @BeforeEach
    void startSandboxAndCaptureLogs() {
        sandbox = ChatHubSandbox.start();
        log = LogCapture.of("com.smsbat.chathub", Level.ALL);
    }

    @AfterEach
    void stopSandboxAndCapture() {
        log.close();
        sandbox.close();
    }

    @Test
    void passwordEchoedInARefusedLoginIsMasked() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.COMPANY_TOKEN, 401,
                "{\"login\":\"sandbox\",\"password\":\"planted-Pa55word\\\"with-quote\"}", 1);
        ChatHubClient client = loggingIn(PASSWORD);

        assertSecretsAbsent(assertThrows(ChatHubAuthenticationException.class, client::organizations));
        assertSecretsAbsent(assertThrows(ChatHubAuthenticationException.class, client::organizations));
    }

    @Test
    void passwordEchoedInAFailedLoginIsMasked() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.COMPANY_TOKEN, 500, "cannot log in with " + PASSWORD, 1);

        assertSecretsAbsent(assertThrows(ChatHubApiException.class, loggingIn(PASSWORD)::organizations));
    }

    @Test
    void companyTokenEchoedInARefusalIsMasked() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, 401, "unknown token " + COMPANY_TOKEN, 1);
        ChatHubClient client = ChatHubClient.builder()
                .baseUri(sandbox.baseUri())
                .companyToken(COMPANY_TOKEN)
                .build();

        assertSecretsAbsent(assertThrows(ChatHubAuthenticationException.class, client::organizations));
    }

    @Test
    void issuedCompanyTokenEchoedInAnErrorIsMasked() {
        ChatHubClient client = loggingIn(ChatHubSandbox.PASSWORD);
        String issued = "sandbox-company-issued-by-fault";
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.COMPANY_TOKEN, 200, issued, 1);
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, 500, "token " + issued + " broke us", 1);

        ChatHubApiException error = assertThrows(ChatHubApiException.class, client::organizations);

        assertFalse(describe(error).contains(issued), describe(error));
    }

    @Test
    void operatorTokenEchoedInAnErrorIsMasked() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.VALIDATE_TOKEN, 400,
                "{\"token\":\"" + OPAQUE_OPERATOR_TOKEN + "\",\"other\":\"" + JWT + "\"}", 1);

        assertSecretsAbsent(assertThrows(ChatHubApiException.class,
                () -> loggingIn(ChatHubSandbox.PASSWORD).validateToken(OPAQUE_OPERATOR_TOKEN)));
    }

    @Test
    void unusableOperatorTokenIsNotQuoted() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.OPERATOR_TOKEN, "{\"token\":\"" + OPAQUE_OPERATOR_TOKEN + "\"}");

        assertSecretsAbsent(assertThrows(ChatHubResponseException.class,
                () -> loggingIn(ChatHubSandbox.PASSWORD).operatorToken(101, Instant.now().plus(Duration.ofHours(1)))));
    }

    @Test
    void unparseableBodyIsNotQuoted() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, OPAQUE_OPERATOR_TOKEN + " " + JWT);

        assertSecretsAbsent(assertThrows(ChatHubResponseException.class, loggingIn(ChatHubSandbox.PASSWORD)::organizations));
    }

    @Test
    void clientToStringHoldsNoCredentials() {
        String described = loggingIn(PASSWORD).toString();

        SECRETS.forEach(secret -> assertFalse(described.contains(secret), described));
    }

    @Test
    void logRecordsHoldNoSecrets() {
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, 401, "stale " + COMPANY_TOKEN + " " + JWT, 1);
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.COMPANY_TOKEN, 200, COMPANY_TOKEN, 1);
        SandboxFaults.of(sandbox).respond(SandboxEndpoint.ORGANIZATIONS, 401, "still " + COMPANY_TOKEN + " " + PASSWORD, 1);
        ChatHubClient client = loggingIn(PASSWORD);
        assertThrows(ChatHubAuthenticationException.class, client::organizations);
        assertThrows(ChatHubAuthenticationException.class, client::organizations);

        List<LogRecord> records = log.records();
        assertFalse(records.isEmpty(), "the refusal should have been logged");
        SimpleFormatter formatter = new SimpleFormatter();
        for (LogRecord record : records) {
            String line = formatter.format(record);
            SECRETS.forEach(secret -> assertFalse(line.contains(secret), line));
        }
    }

    private ChatHubClient loggingIn(String password) {
        return ChatHubClient.builder()
                .baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, password)
                .build();
    }

    private static void assertSecretsAbsent(ChatHubException error) {
        String described = describe(error);
        assertTrue(described.contains(Redactor.MASK) || !(error instanceof ChatHubApiException), described);
        SECRETS.forEach(secret -> assertFalse(described.contains(secret), described));
    }

    /** Everything a log line or error page could show of {@code error}: its trace with every cause, and its excerpt. */
    private static String describe(ChatHubException error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace + (error instanceof ChatHubApiException api ? api.bodyExcerpt() : "");
    }
}
