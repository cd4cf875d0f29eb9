package com.smsbat.chathub.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The one place that speaks HTTP to ChatHub: timeouts, headers, and turning failures into our exceptions. */
final class HttpTransport {

    /** One ChatHub endpoint as called, e.g. {@code GET /api/operator?organizationId=24}; safe to print. */
    static final class Call {
        private final String method;
        private final String pathAndQuery;

        Call(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        public String method() {
            return method;
        }

        public String pathAndQuery() {
            return pathAndQuery;
        }

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
    static final class Reply {
        private final int status;
        private final String body;
        private final String requestId;

        Reply(int status, String body, String requestId) {
            this.status = status;
            this.body = body;
            this.requestId = requestId;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }

        public String requestId() {
            return requestId;
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** How a message refers to this answer, e.g. {@code 500 to GET /api/company/organization (X-Request-Id r1)}. */
        String describe(Call call) {
            return status + " to " + call + (requestId == null ? "" : " (X-Request-Id " + requestId + ")");
        }
    
    }

    /** How long the deadline thread waits for the next call before it ends; the next call starts it again. */
    private static final long DEADLINE_THREAD_IDLE_SECONDS = 30;

    private final Set<HttpURLConnection> inFlight = ConcurrentHashMap.newKeySet();
    /** Ends calls that reach their deadline: the read timeout alone lets a server that trickles bytes hold a call for ever. */
    private final ScheduledThreadPoolExecutor deadlines;
    private volatile boolean closed;
    private final String baseUri;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Redactor redactor;

    /*
     * Why HttpURLConnection and not java.net.http: on Java 17 an HttpClient cannot be closed, and its
     * "HttpClient-N-SelectorManager" thread lives on after the application is undeployed, holding the client,
     * its executor and so the application's class loader: Tomcat warns of a leak on every undeploy and its leak
     * detection lists the application. HttpURLConnection starts no thread per client; the JDK's shared
     * "Keep-Alive-Timer" is a system thread without the application's context class loader, and its cache holds
     * only JDK objects. Calls run on the caller's thread, so closing has nothing to stop but calls in flight.
     */
    HttpTransport(URI baseUri, Duration connectTimeout, Duration requestTimeout, Redactor redactor) {
        this.baseUri = baseUri.toString().replaceAll("/+$", "");
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.redactor = redactor;
        // One thread at most, started by the first call and ended once it has idled for a while.
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chathub-http-deadline");
            thread.setDaemon(true);
            // Only disconnects JDK connections: holds no application class loader, whoever started it.
            thread.setContextClassLoader(null);
            return thread;
        });
        deadlines.setKeepAliveTime(DEADLINE_THREAD_IDLE_SECONDS, TimeUnit.SECONDS);
        deadlines.allowCoreThreadTimeOut(true);
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * Sends {@code jsonBody} (a POST when not {@code null}) with the company token as bearer when given,
     * and returns whatever status ChatHub answers. The call ends, answered or not, within the connect timeout and
     * the request timeout together; the request timeout also bounds each wait for a part of the answer. An error
     * body over {@link ChatHubClient#MAX_BODY_BYTES} is cut there (only an excerpt of it is ever kept).
     *
     * @throws ChatHubIoException       when there is no (whole) answer in time
     * @throws ChatHubResponseException when a success answer's body is over {@link ChatHubClient#MAX_BODY_BYTES}
     */
    Reply send(Call call, String jsonBody, String companyToken) {
        if (closed) {
            throw new ChatHubIoException("the ChatHub client is closed (" + call + ")");
        }
        HttpURLConnection connection = open(call);
        inFlight.add(connection);
        AtomicBoolean overdue = new AtomicBoolean();
        ScheduledFuture<?> deadline;
        try {
            deadline = deadlines.schedule(() -> {
                overdue.set(true);
                connection.disconnect();
            }, connectTimeout.plus(requestTimeout).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            inFlight.remove(connection);
            throw new ChatHubIoException("the ChatHub client is closed (" + call + ")");
        }
        try {
            // The list GETs send exactly what ChatHub's reference pages send, the request known to get the
            // documented JSON list back (the lists are JSON whatever the header; we parse JSON whatever the content
            // type says). The POSTs put JSON first so get-token answers the JSON string the reference shows;
            // text/plain stays acceptable because ChatHub answers strings as bare text when it prefers to.
            connection.setRequestProperty("Accept",
                    "GET".equals(call.method()) ? "text/plain" : "application/json, text/plain");
            if (companyToken != null) {
                connection.setRequestProperty("Authorization", "Bearer " + companyToken);
            }
            byte[] body = jsonBody == null && "GET".equals(call.method()) ? null
                    : (jsonBody == null ? "" : jsonBody).getBytes(StandardCharsets.UTF_8);
            if (jsonBody != null) {
                connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            }
            // Buffered, not streamed: in streaming mode a 401 would be an exception instead of an answer to re-login on.
            connection.setDoOutput(body != null);
            try {
                connection.connect();
            } catch (SocketTimeoutException e) {
                throw new ChatHubIoException("could not connect to ChatHub at " + baseUri + " within " + connectTimeout
                        + " (" + call + ")", e);
            }
            if (body != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            return new Reply(status, readBody(call, connection, status), connection.getHeaderField("X-Request-Id"));
        } catch (SocketTimeoutException e) {
            throw new ChatHubIoException("ChatHub at " + baseUri + " did not answer " + call + " within "
                    + requestTimeout, e);
        } catch (IOException e) {
            if (overdue.get()) {
                throw new ChatHubIoException("ChatHub at " + baseUri + " did not finish answering " + call + " within "
                        + connectTimeout.plus(requestTimeout) + " (chathub.http.connect-timeout and chathub.http.timeout)", e);
            }
            throw new ChatHubIoException(closed ? "the ChatHub client was closed during " + call
                    : "no answer from ChatHub at " + baseUri + " to " + call + ": " + e, e);
        } finally {
            deadline.cancel(false);
            inFlight.remove(connection);
        }
    }

    private HttpURLConnection open(Call call) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUri + call.pathAndQuery()).toURL()
                    .openConnection();
            connection.setConnectTimeout(millis(connectTimeout));
            connection.setReadTimeout(millis(requestTimeout));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(call.method());
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new ChatHubIoException("cannot call ChatHub at " + baseUri + " (" + call + "): " + e, e);
        }
    }

    /**
     * The whole body (read to the end, so that the connection can be reused), in the charset it declares; at most
     * {@link ChatHubClient#MAX_BODY_BYTES}, after which the connection is dropped rather than read on.
     */
    private static String readBody(Call call, HttpURLConnection connection, int status) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return "";
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean tooLong = connection.getContentLengthLong() > ChatHubClient.MAX_BODY_BYTES;
        boolean whole = false;
        try {
            byte[] buffer = new byte[8192];
            for (int read; !tooLong && (read = in.read(buffer)) >= 0; ) {
                int kept = Math.min(read, ChatHubClient.MAX_BODY_BYTES - body.size());
                body.write(buffer, 0, kept);
                tooLong = kept < read;
            }
            whole = !tooLong;
        } finally {
            if (whole) {
                in.close();
            } else {
                connection.disconnect();
            }
        }
        if (tooLong && status < 400) {
            throw new ChatHubResponseException("ChatHub answered " + call + " with a body over "
                    + ChatHubClient.MAX_BODY_BYTES + " bytes");
        }
        return new String(body.toByteArray(), charset(connection.getContentType()));
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] nameAndValue = parameter.trim().split("=", 2);
                if (nameAndValue.length == 2 && nameAndValue[0].trim().equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(nameAndValue[1].trim().replace("\"", ""));
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** The exception for an error status, with the body masked of every secret the caller knows about. */
    ChatHubApiException failure(Call call, Reply reply, String... extraSecrets) {
        return new ChatHubApiException("ChatHub answered " + reply.describe(call), reply.status(), reply.requestId(),
                redactor.mask(reply.body(), extraSecrets));
    }

    /** Refuses further calls and ends the calls in flight, so that no thread stays waiting for ChatHub. */
    void close() {
        closed = true;
        deadlines.shutdownNow();
        inFlight.forEach(HttpURLConnection::disconnect);
    }

    @Override
    public String toString() {
        return baseUri;
    }
}
