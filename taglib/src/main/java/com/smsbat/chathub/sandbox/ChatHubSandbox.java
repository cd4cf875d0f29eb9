package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An offline ChatHub: a real HTTP server on 127.0.0.1 that serves every ChatHub API endpoint with the documented
 * shapes and statuses, plus a stand-in widget script, for development, tests and demos. Not for production.
 *
 * <h2>Seed</h2>
 * Every sandbox starts with the same data, so an application configured against one works against any other:
 * <ul>
 *   <li>company login {@value #LOGIN}, password {@value #PASSWORD}; besides the company tokens it issues, the
 *       sandbox always accepts the fixed company token {@value #COMPANY_TOKEN}</li>
 *   <li>organization 24 "Customer Support": operators 101 "John Smith" (active), 102 "Maria Garcia" (active),
 *       103 "Wei Chen" (inactive)</li>
 *   <li>organization 31 "Sales": operators 201 "Alex Brown" (active), 202 "Olena Kovalenko" (active)</li>
 *   <li>operators added through synchronize get ids from 1001 on</li>
 * </ul>
 *
 * <h2>Operator tokens</h2>
 * HS256 JWTs signed with the published, sandbox-only secret {@code chathub-sandbox-secret-not-for-production},
 * so embedded and standalone sandboxes accept each other's tokens. Claims: {@code iss} "chathub-sandbox",
 * {@code sub} (operator id as text), {@code jti}, {@code operatorId}, {@code operatorName}, {@code organizationId},
 * {@code organizationName}, {@code iat}, {@code exp} (the requested {@code expiresAt}, to the second).
 * get-token answers {@code {"token":"…","expiresAt":"…"}}; it refuses with 400 an {@code expiresAt} in the past or
 * more than 24 hours ahead (by the sandbox clock) and an operator that is not active, and with 404 an unknown
 * operator. validate-token checks the signature and {@code exp} against the sandbox clock.
 *
 * <h2>Use</h2>
 * Embedded: {@code try (ChatHubSandbox sandbox = ChatHubSandbox.start()) { … sandbox.baseUri() … }}; tests count
 * calls with {@link #calls} and inject misbehaviour with {@link #faults()}. Standalone:
 * {@code mvn -q -pl taglib compile exec:java -Dsandbox.port=8090} serves until stopped and prints the seed.
 * Every answer carries an {@code X-Request-Id}.
 */
public final class ChatHubSandbox implements AutoCloseable {

    public static final String LOGIN = "sandbox";
    public static final String PASSWORD = "sandbox";
    /** A company token every sandbox accepts, like one copied from the ChatHub dashboard. */
    public static final String COMPANY_TOKEN = "sandbox-company-token";

    static final String JSON = "application/json; charset=utf-8";

    private static final int DEFAULT_STANDALONE_PORT = 8090;
    /** Enough for bursts of concurrent test clients without refusing connections. */
    private static final int BACKLOG = 256;

    private final HttpServer server;
    private final ExecutorService executor;
    /** Every thread the executor started (an idle sandbox starts few: they are reused). */
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final SandboxHandler handler;
    private final SandboxState state;
    private final SandboxFaults faults;
    private final URI baseUri;

    private ChatHubSandbox(int port, Clock clock) throws IOException {
        this.state = new SandboxState();
        this.faults = new SandboxFaults();
        this.handler = new SandboxHandler(state, faults, clock, new ObjectMapper(), widgetScript());
        // The JDK server's own threads ("idle-timeout-task", "HTTP-Dispatcher") inherit the context class loader
        // of the thread that creates them; the timer ends only after stop() returns, and Tomcat warns of a leak
        // for any thread still holding the application's loader when the application stops.
        Thread current = Thread.currentThread();
        ClassLoader contextLoader = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), BACKLOG);
            // Unbounded: a hung or delayed request must never hold up the others.
            this.executor = Executors.newCachedThreadPool(daemonThreads());
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
        } finally {
            current.setContextClassLoader(contextLoader);
        }
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts a sandbox on an ephemeral port with the system clock. */
    public static ChatHubSandbox start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, the base URI to configure instead of ChatHub's. */
    public URI baseUri() {
        return baseUri;
    }

    /** The stand-in for ChatHub's widget script, served by this sandbox. */
    public URI widgetScriptUri() {
        return URI.create(baseUri + SandboxEndpoint.WIDGET_SCRIPT.path());
    }

    /** How many requests {@code endpoint} received since start or the last {@link #resetCalls()}. */
    public int calls(SandboxEndpoint endpoint) {
        return handler.calls(Objects.requireNonNull(endpoint, "endpoint"));
    }

    public void resetCalls() {
        handler.resetCalls();
    }

    /** The misbehaviour to inject; none until asked for. */
    public SandboxFaults faults() {
        return faults;
    }

    /**
     * Makes every company token this sandbox issued invalid, as ChatHub may do at any time: the next call with one
     * is answered 401. {@link #COMPANY_TOKEN} stays valid.
     */
    public void revokeCompanyTokens() {
        state.revokeCompanyTokens();
    }

    /** Stops serving at once: open connections are closed, requests hanging or delayed by {@link #faults()} go unanswered. */
    @Override
    public void close() {
        server.stop(0);
        faults.releaseAll();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            // A terminated pool's last thread may still be finishing: wait until it is gone too.
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ChatHubSandbox[" + baseUri + "]";
    }

    /** Serves on 127.0.0.1:${sandbox.port} (default 8090) until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.getInteger("sandbox.port", DEFAULT_STANDALONE_PORT);
        ChatHubSandbox sandbox = builder().port(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "chathub-sandbox-shutdown"));
        sandbox.printSeed(System.out);
        Thread.currentThread().join();
    }

    void printSeed(PrintStream out) {
        out.println("ChatHub sandbox (offline emulator, not for production) at " + baseUri);
        out.println("  API base URL:   " + baseUri);
        out.println("  widget script:  " + widgetScriptUri());
        out.println("  company login:  " + LOGIN + " / password: " + PASSWORD);
        out.println("  company token:  " + COMPANY_TOKEN);
        out.println();
        out.printf("  %-6s %-18s %-9s %-18s %s%n", "org", "organization", "operator", "name", "status");
        for (SandboxState.Organization organization : state.organizations()) {
            for (SandboxState.Operator operator : state.operatorsOf(organization.id())) {
                out.printf("  %-6d %-18s %-9d %-18s %s%n", organization.id(), organization.name(), operator.id(),
                        operator.name(), SandboxState.statusName(operator.status()));
            }
        }
        out.println();
        out.println("Stop with Ctrl+C.");
        out.flush();
    }

    private static byte[] widgetScript() {
        try (InputStream in = ChatHubSandbox.class.getResourceAsStream("widget-script.js")) {
            if (in == null) {
                throw new IllegalStateException("widget-script.js is missing next to " + ChatHubSandbox.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox widget script", e);
        }
    }

    private ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "chathub-sandbox-" + count.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
    }

    /** Configures a sandbox: a port (default ephemeral) and a clock (default system UTC). */
    public static final class Builder {

        private int port;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** 0 for an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("sandbox port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Decides token expiry and the 24-hour limit; tests pass a clock they move. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws UncheckedIOException when the port cannot be bound */
        public ChatHubSandbox start() {
            try {
                return new ChatHubSandbox(port, clock);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the ChatHub sandbox on 127.0.0.1:" + port, e);
            }
        }
    }
}
