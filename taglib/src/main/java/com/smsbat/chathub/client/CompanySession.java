package com.smsbat.chathub.client;

import com.smsbat.chathub.client.HttpTransport.Call;
import com.smsbat.chathub.client.HttpTransport.Reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The company token every call carries: obtained by logging in (or configured), renewed once when ChatHub
 * answers 401, and, once ChatHub has refused the credentials, not asked for again during a back-off.
 */
final class CompanySession {

    static final Duration REFUSAL_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(CompanySession.class.getName());
    private static final Call LOGIN = Call.post("/api/company/get-token");

    private static final class Refusal {
        private final ChatHubAuthenticationException reason;
        private final Instant refusedAt;
        private final Instant until;

        Refusal(ChatHubAuthenticationException reason, Instant refusedAt, Instant until) {
            this.reason = reason;
            this.refusedAt = refusedAt;
            this.until = until;
        }

        ChatHubAuthenticationException reason() {
            return reason;
        }

        Instant refusedAt() {
            return refusedAt;
        }

        Instant until() {
            return until;
        }
    }

    private final HttpTransport transport;
    private final Redactor redactor;
    private final Clock clock;
    /** {@code null} when a fixed company token is configured: then there is nothing to log in with. */
    private final String login;
    private final String password;
    /** Held across a login, so that threads that saw the same stale token wait for one login instead of each doing one. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String token;
    private volatile Refusal refusal;

    private CompanySession(HttpTransport transport, Redactor redactor, Clock clock, String login, String password,
                           String token) {
        this.transport = transport;
        this.redactor = redactor;
        this.clock = clock;
        this.login = login;
        this.password = password;
        this.token = token;
    }

    static CompanySession loggingIn(HttpTransport transport, Redactor redactor, Clock clock, String login,
                                    String password) {
        redactor.remember(password);
        return new CompanySession(transport, redactor, clock, login, password, null);
    }

    static CompanySession withFixedToken(HttpTransport transport, Redactor redactor, Clock clock, String token) {
        redactor.remember(token);
        return new CompanySession(transport, redactor, clock, null, null, token);
    }

    /** The token to send, logging in first if there is none yet. */
    String token() {
        String current = token;
        if (current != null && refusal == null) {
            return current;
        }
        lock.lock();
        try {
            failFastWhileRefused();
            if (token == null) {
                token = logIn();
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The token to retry with after ChatHub answered 401 to {@code rejected}: a fresh one from one login, or the
     * one another thread got meanwhile. A configured token cannot be renewed, so its 401 is the refusal.
     */
    String renew(String rejected, Call call, Reply unauthorized) {
        lock.lock();
        try {
            failFastWhileRefused();
            if (token != null && !token.equals(rejected)) {
                return token;
            }
            if (login == null) {
                throw refuse("ChatHub refused the configured company token (" + unauthorized.describe(call)
                        + "); check the configured company token", unauthorized);
            }
            LOG.fine(() -> "ChatHub answered " + unauthorized.describe(call) + "; logging in again as '" + login + "'");
            token = logIn();
            return token;
        } finally {
            lock.unlock();
        }
    }

    /** ChatHub answered 401 again to the retry with a fresh token: the credentials are wrong. */
    ChatHubAuthenticationException refusedAfterRenewal(Call call, Reply unauthorized) {
        lock.lock();
        try {
            return refuse("ChatHub refused a freshly issued company token for login '" + login + "' ("
                    + unauthorized.describe(call) + "); check the configured ChatHub login and password", unauthorized);
        } finally {
            lock.unlock();
        }
    }

    private String logIn() {
        Reply reply = transport.send(LOGIN, JsonBodies.login(login, password), null);
        if (reply.status() == 401) {
            throw refuse("ChatHub refused the company login '" + login + "' (" + reply.describe(LOGIN)
                    + "); check the configured ChatHub login and password", reply);
        }
        if (!reply.isSuccess()) {
            throw transport.failure(LOGIN, reply);
        }
        String fresh = JsonBodies.companyToken(LOGIN, JsonBodies.tokenBody(LOGIN, reply.body()));
        redactor.remember(fresh);
        return fresh;
    }

    /** Starts the back-off; the caller holds the lock. */
    private ChatHubAuthenticationException refuse(String message, Reply reply) {
        ChatHubAuthenticationException reason = new ChatHubAuthenticationException(message, reply.status(),
                reply.requestId(), redactor.mask(reply.body()));
        Instant now = clock.instant();
        refusal = new Refusal(reason, now, now.plus(REFUSAL_BACKOFF));
        if (login != null) {
            token = null;
        }
        LOG.log(Level.WARNING, "{0}; not calling ChatHub again before {1}",
                new Object[] {reason.getMessage(), refusal.until()});
        return reason;
    }

    /** The caller holds the lock. */
    private void failFastWhileRefused() {
        Refusal current = refusal;
        if (current == null) {
            return;
        }
        if (clock.instant().isBefore(current.until())) {
            ChatHubAuthenticationException reason = current.reason();
            ChatHubAuthenticationException fast = new ChatHubAuthenticationException(
                    "ChatHub refused the company credentials at " + current.refusedAt()
                            + "; not calling ChatHub again before " + current.until(),
                    reason.status(), reason.requestId().orElse(null), reason.bodyExcerpt());
            fast.initCause(reason);
            throw fast;
        }
        refusal = null;
    }
}
