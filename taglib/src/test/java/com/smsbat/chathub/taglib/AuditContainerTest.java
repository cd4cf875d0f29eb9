package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.LogCapture;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail, logger {@code com.smsbat.chathub.audit}: one line the first time a session is handed an operator's
 * token, saying who, which operator, how resolved, from where and which session (hashed), never the token. The log
 * line is the feature, so these tests read it.
 */
class AuditContainerTest {

    private static final String AUDIT_LOGGER = "com.smsbat.chathub.audit";
    private static final Pattern LINE = Pattern.compile("ChatHub operator token handed out: user \"john\", organization 24,"
            + " operator 101, resolver mapping, client [0-9a-fA-F:.]+, session ([0-9a-f]{16}|-)");

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        // Under the BASIC constraint, so that every container authenticates the session-less token requests.
        settings.put("chathub.endpoint.path", "/secure/token");
        container = TestContainer.start(ChatHubApps.withPage(ChatHubApps.app(settings, ""), "page.jsp", page(widget())));
    }

    @AfterAll
    static void stop() {
        container.close();
        sandbox.close();
    }

    private static List<String> auditLines(LogCapture log) {
        return log.messages(Level.INFO, "ChatHub operator token handed out");
    }

    private static String sessionHash(String line) {
        Matcher matcher = LINE.matcher(line);
        assertTrue(matcher.matches(), line);
        return matcher.group(1);
    }

    @Test
    void aSessionsFirstTokenOfAnOperatorIsAuditedOnceWithAHashInsteadOfTheSessionIdAndNeverTheToken() {
        try (LogCapture log = LogCapture.of(AUDIT_LOGGER, Level.INFO)) {
            TestHttp john = TestHttp.as("john", "pw");
            HttpResponse<String> first = john.get(container.uri("/secure/page.jsp"));
            john.get(container.uri("/secure/page.jsp"));
            john.get(container.uri("/secure/page.jsp"));

            List<String> lines = auditLines(log);
            assertEquals(1, lines.size(), lines.toString());
            String hash = sessionHash(lines.get(0));
            assertNotEquals("-", hash);
            String sessionId = first.headers().firstValue("Set-Cookie").orElseThrow()
                    .replaceFirst("^JSESSIONID=([^;.]+).*$", "$1");
            assertFalse(lines.get(0).contains(sessionId), lines.get(0));
            assertFalse(lines.get(0).contains(scripts(first.body()).get(0).token()), lines.get(0));
        }
    }

    @Test
    void eachSessionHasItsOwnLine() {
        try (LogCapture log = LogCapture.of(AUDIT_LOGGER, Level.INFO)) {
            TestHttp.as("john", "pw").get(container.uri("/secure/page.jsp"));
            TestHttp.as("john", "pw").get(container.uri("/secure/page.jsp"));

            List<String> lines = auditLines(log);
            assertEquals(2, lines.size(), lines.toString());
            assertNotEquals(sessionHash(lines.get(0)), sessionHash(lines.get(1)));
        }
    }

    @Test
    void withoutASessionEveryTokenHandedOutHasItsLine() {
        try (LogCapture log = LogCapture.of(AUDIT_LOGGER, Level.INFO)) {
            TestHttp john = TestHttp.as("john", "pw");
            assertEquals(200, john.get(container.uri("/secure/token")).statusCode());
            assertEquals(200, john.get(container.uri("/secure/token")).statusCode());

            List<String> lines = auditLines(log);
            assertEquals(2, lines.size(), lines.toString());
            assertEquals("-", sessionHash(lines.get(0)));
        }
    }
}
