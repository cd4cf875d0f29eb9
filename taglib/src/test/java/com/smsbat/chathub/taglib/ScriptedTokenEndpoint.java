package com.smsbat.chathub.taglib;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the library's token endpoint ({@code GET /api/chathub/token[?org=…]}, answering
 * {@code {"token","expiresAt"}}) in browser tests: each organization answers as its test scripted, and
 * every request is recorded. The state is static because the container, not the test, creates the
 * servlet (the webapp sees the test's classes); tests {@link #reset()} it before each case.
 */
public final class ScriptedTokenEndpoint extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Organization> ORGANIZATIONS = new ConcurrentHashMap<>();

    /** The organization a request without {@code org} asks for: the user's default one, as the real endpoint resolves it. */
    static final String DEFAULT_ORGANIZATION = "24";

    static Organization organization(String org) {
        return ORGANIZATIONS.computeIfAbsent(org, Organization::new);
    }

    static void reset() {
        ORGANIZATIONS.clear();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        organization(Objects.requireNonNullElse(request.getParameter("org"), DEFAULT_ORGANIZATION)).answer(request, response);
    }

    /**
     * What an organization answers: fresh tokens, one fixed token, an error status, a redirect to a login page
     * or some other body; optionally after a delay.
     */
    record Answer(int status, Duration lifetime, String fixedToken, Integer retryAfterSeconds, String contentType,
                  String body, Duration delay) {

        static Answer freshTokens(Duration lifetime) {
            return new Answer(200, lifetime, null, null, null, null, Duration.ZERO);
        }

        static Answer token(String token, Duration lifetime) {
            return new Answer(200, lifetime, token, null, null, null, Duration.ZERO);
        }

        static Answer status(int status) {
            return new Answer(status, null, null, null, null, null, Duration.ZERO);
        }

        /** A 302 to a login page, as Jetty's FORM authentication answers an ended session. */
        static Answer redirect() {
            return new Answer(302, null, null, null, null, null, Duration.ZERO);
        }

        /** A 200 with {@code body}, as Tomcat's FORM authentication answers an ended session with its login page. */
        static Answer body(String contentType, String body) {
            return new Answer(200, null, null, null, contentType, body, Duration.ZERO);
        }

        Answer retryAfter(int seconds) {
            return new Answer(status, lifetime, fixedToken, seconds, contentType, body, delay);
        }

        Answer delayed(Duration by) {
            return new Answer(status, lifetime, fixedToken, retryAfterSeconds, contentType, body, by);
        }
    }

    static final class Organization {

        private final String name;
        private final AtomicInteger minted = new AtomicInteger();
        private final List<Instant> requests = new CopyOnWriteArrayList<>();
        private final List<Instant[]> spans = new CopyOnWriteArrayList<>();
        private final List<String> issued = new CopyOnWriteArrayList<>();
        private volatile Answer answer = Answer.freshTokens(Duration.ofMinutes(10));

        private Organization(String name) {
            this.name = name;
        }

        void answerWith(Answer next) {
            answer = next;
        }

        int requestCount() {
            return requests.size();
        }

        List<Instant> requestTimes() {
            return List.copyOf(requests);
        }

        /** When each request came in and when its answer was written, oldest first. */
        List<Instant[]> requestSpans() {
            return List.copyOf(spans);
        }

        /** The tokens handed out so far, oldest first. */
        List<String> issued() {
            return List.copyOf(issued);
        }

        private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Instant start = Instant.now();
            requests.add(start);
            Answer current = answer;
            try {
                write(request, response, current);
            } finally {
                response.flushBuffer();
                spans.add(new Instant[] {start, Instant.now()});
            }
        }

        private void write(HttpServletRequest request, HttpServletResponse response, Answer current) throws IOException {
            if (!current.delay().isZero()) {
                // Plays a slow server: the browser must not send another request meanwhile.
                try {
                    Thread.sleep(current.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            response.setHeader("Cache-Control", "no-store");
            if (current.status() == 302) {
                response.sendRedirect(request.getContextPath() + "/login.html");
                return;
            }
            if (current.body() != null) {
                response.setContentType(current.contentType());
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(current.body());
                return;
            }
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            if (current.status() != 200) {
                if (current.retryAfterSeconds() != null) {
                    response.setIntHeader("Retry-After", current.retryAfterSeconds());
                }
                response.setStatus(current.status());
                response.getWriter().write("{\"error\":\"scripted " + current.status() + "\"}");
                return;
            }
            String token = current.fixedToken() != null
                    ? current.fixedToken()
                    : "e30.org" + name + "-" + minted.incrementAndGet() + ".c2ln";
            issued.add(token);
            JSON.writeValue(response.getWriter(),
                    Map.of("token", token, "expiresAt", Instant.now().plus(current.lifetime()).toString()));
        }
    }
}
