package com.smsbat.chathub.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The one place that speaks HTTP to ChatHub: timeouts, headers, and turning failures into our exceptions. */
final class HttpTransport {

    /** One ChatHub endpoint as called, e.g. {@code GET /api/operator?organizationId=24}; safe to print. */
    record Call(String method, String pathAndQuery) {

        static Call get(String pathAndQuery) {
            return new Call("GET", pathAndQuery);
        }

        static Call post(String path) {
            return new Call("POST", path);
        }

        @Override
        public String toString() {
            return method + " " + pathAndQuery;
        }
    }

    /** What ChatHub answered; the body is never printed as is. */
    record Reply(int status, String body, String requestId) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** How a message refers to this answer, e.g. {@code 500 to GET /api/company/organization (X-Request-Id r1)}. */
        String describe(Call call) {
            return status + " to " + call + (requestId == null ? "" : " (X-Request-Id " + requestId + ")");
        }
    }

    private final ExecutorService executor;
    private final HttpClient http;
    private volatile boolean closed;
    private final String baseUri;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Redactor redactor;

    HttpTransport(URI baseUri, Duration connectTimeout, Duration requestTimeout, Redactor redactor) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "chathub-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.baseUri = baseUri.toString().replaceAll("/+$", "");
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.redactor = redactor;
    }

    /**
     * Sends {@code jsonBody} (a POST when not {@code null}) with the company token as bearer when given,
     * and returns whatever status ChatHub answers.
     *
     * @throws ChatHubIoException when there is no answer at all
     */
    Reply send(Call call, String jsonBody, String companyToken) {
        if (closed) {
            // The JDK client waits forever for an executor that no longer runs anything.
            throw new ChatHubIoException("the ChatHub client is closed (" + call + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + call.pathAndQuery()))
                .timeout(requestTimeout)
                // The list GETs send exactly what ChatHub's reference pages send, the request known to get the
                // documented JSON list back (the lists are JSON whatever the header; we parse JSON whatever the content
                // type says). The POSTs put JSON first so get-token answers the JSON string the reference shows;
                // text/plain stays acceptable because ChatHub answers strings as bare text when it prefers to.
                .header("Accept", "GET".equals(call.method()) ? "text/plain" : "application/json, text/plain");
        if (companyToken != null) {
            request.header("Authorization", "Bearer " + companyToken);
        }
        if (jsonBody == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("X-Request-Id").orElse(null));
        } catch (HttpConnectTimeoutException e) {
            throw new ChatHubIoException("could not connect to ChatHub at " + baseUri + " within " + connectTimeout
                    + " (" + call + ")", e);
        } catch (HttpTimeoutException e) {
            throw new ChatHubIoException("ChatHub at " + baseUri + " did not answer " + call + " within "
                    + requestTimeout, e);
        } catch (IOException e) {
            throw new ChatHubIoException("no answer from ChatHub at " + baseUri + " to " + call + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatHubIoException("interrupted while waiting for ChatHub to answer " + call, e);
        }
    }

    /** The exception for an error status, with the body masked of every secret the caller knows about. */
    ChatHubApiException failure(Call call, Reply reply, String... extraSecrets) {
        return new ChatHubApiException("ChatHub answered " + reply.describe(call), reply.status(), reply.requestId(),
                redactor.mask(reply.body(), extraSecrets));
    }

    /**
     * Stops the threads this transport started. The JDK's own selector thread stops with the client on
     * Java 21+ (where HttpClient is AutoCloseable) and, on 17, once the client is garbage.
     */
    void close() {
        closed = true;
        executor.shutdownNow();
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing is best effort: nothing is waiting for this client any more.
            }
        }
    }

    @Override
    public String toString() {
        return baseUri;
    }
}
