package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An offline ChatHub: a real HTTP server on 127.0.0.1 that serves every ChatHub API endpoint, plus a stand-in widget
 * script, for development, tests and demos. Not for production.
 *
 * <h2>Answers</h2>
 * By default every endpoint answers as ChatHub's reference pages show, exchange for exchange (SandboxGoldenTest
 * replays those pages' exchanges against it): both get-token calls answer a JSON string holding an HS256 JWT, or the
 * bare JWT as {@code text/plain} when the request's {@code Accept} prefers {@code text/plain}; the lists and
 * validate-token answer JSON; synchronize creates every operator it is given, duplicate names included; status
 * answers 200 with no body. Other token encodings and every kind of misbehaviour come only from the tests' fault injector
 * ({@code SandboxFaults}, in the test sources, never in the library jar).
 * What the reference pages leave open the sandbox decides on its own, as docs/sandbox.md lists: 400 for
 * an {@code expiresAt} without an offset, in the past or more than 24 hours ahead (by the sandbox clock) and for an
 * operator that is not active, 404 for an unknown organization or operator, {@code {"error":"…"}} error bodies.
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
 * <h2>Tokens</h2>
 * HS256 JWTs signed with the published, sandbox-only secret {@code chathub-sandbox-secret-not-for-production},
 * so embedded and standalone sandboxes accept each other's operator tokens. Operator token claims: {@code iss}
 * "chathub-sandbox", {@code sub} (operator id as text), {@code jti}, {@code iat}, {@code operator_id} and {@code exp}
 * (the requested {@code expiresAt}, to the second) as in the reference pages' example, and {@code operator_name},
 * {@code organization_id}, {@code organization_name} for the stand-in widget's panel. Company tokens carry
 * {@code iss}, {@code sub} (the login), {@code jti} and {@code iat}, and no expiry. validate-token checks the
 * signature and {@code exp} against the sandbox clock.
 *
 * <h2>Use</h2>
 * Embedded: {@code try (ChatHubSandbox sandbox = ChatHubSandbox.start()) { … sandbox.baseUri() … }}; tests count
 * calls with {@link #calls} and inject misbehaviour with {@code SandboxFaults.of(sandbox)}. Standalone:
 * {@code mvn -q -pl taglib compile exec:java -Dsandbox.port=8090} serves until stopped and prints the settings an
 * application needs to use it, and the seed. Every answer carries an {@code X-Request-Id}.
 */
public final class ChatHubSandbox implements AutoCloseable {

    /** The company login every sandbox accepts. */
    public static final String LOGIN = "sandbox";

    /**
     * How a get-token answer carries its token. Only the tests' fault injector chooses one (through
     * {@link #misbehave}), so it is not part of the public API.
     */
    enum TokenEncoding {
        /** {@code "eyJ…"} as {@code application/json}: the reference pages' answer, the default. */
        JSON_STRING,
        /** {@code eyJ…} as {@code text/plain}: ChatHub's answer when the request's {@code Accept} prefers text. */
        TEXT_PLAIN,
        /**
         * {@code {"token":"eyJ…","expiresAt":"…"}} ({@code {"token":"eyJ…"}} for company tokens) as
         * {@code application/json}: a form other pages of ChatHub's docs show; answered only when a test asks.
         */
        OBJECT,
        /** {@code eyJ…} with no {@code Content-Type} at all; answered only when a test asks. */
        BARE
    }

    /** The company password every sandbox accepts. */
    public static final String PASSWORD = "sandbox";
    /** A company token every sandbox accepts, like one copied from the ChatHub dashboard. */
    public static final String COMPANY_TOKEN = "sandbox-company-token";

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private static final int DEFAULT_STANDALONE_PORT = 8090;
    /* The names of the library's settings (com.smsbat.chathub.internal.config.Setting, which a test compares them with), not
       imported: the sandbox does not depend on the taglib. */
    static final String API_URL_SETTING = "chathub.api.url";
    static final String WIDGET_URL_SETTING = "chathub.widget.url";
    static final String LOGIN_SETTING = "chathub.login";
    static final String PASSWORD_SETTING = "chathub.password";
    static final String COMPANY_TOKEN_SETTING = "chathub.company.token";
    /** Enough for bursts of concurrent test clients without refusing connections. */
    private static final int BACKLOG = 256;

    private final HttpServer server;
    private final ExecutorService executor;
    /** The executor's threads, for close() to wait for; those that ended are dropped as new ones start. */
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final SandboxHandler handler;
    private final SandboxState state;
    private final URI baseUri;

    private ChatHubSandbox(int port, Clock clock) throws IOException {
        this.state = new SandboxState();
        this.handler = new SandboxHandler(state, clock, new ObjectMapper(), widgetScript());
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

    /**
     * Starts a sandbox on an ephemeral port with the system clock.
     *
     * @return the running sandbox; close it when done
     */
    public static ChatHubSandbox start() {
        return builder().start();
    }

    /**
     * A sandbox to configure: port and clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URI to configure instead of ChatHub's.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * The stand-in for ChatHub's widget script, served by this sandbox.
     *
     * @return its URI
     */
    public URI widgetScriptUri() {
        return URI.create(baseUri + SandboxEndpoint.WIDGET_SCRIPT.path());
    }

    /**
     * How many requests {@code endpoint} received since start or the last {@link #resetCalls()}.
     *
     * @param endpoint one of ChatHub's endpoints
     * @return the count
     */
    public int calls(SandboxEndpoint endpoint) {
        return handler.calls(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** How many get-token answers (company and operator) carried their token in {@code encoding}. */
    int tokenAnswers(TokenEncoding encoding) {
        return handler.tokenAnswers(Objects.requireNonNull(encoding, "encoding"));
    }

    /** Sets every endpoint's count of {@link #calls} back to zero. */
    public void resetCalls() {
        handler.resetCalls();
    }

    /** The misbehaviour in force: {@link Misbehaviour#NONE} unless a test installed its fault injector. */
    Misbehaviour misbehaviour() {
        return handler.misbehaviour();
    }

    /** Installs a test's fault injector; never reachable from configuration or over HTTP. */
    void misbehave(Misbehaviour misbehaviour) {
        handler.misbehave(misbehaviour);
    }

    /**
     * Makes every company token this sandbox issued invalid, as ChatHub may do at any time: the next call with one
     * is answered 401. {@link #COMPANY_TOKEN} stays valid.
     */
    public void revokeCompanyTokens() {
        state.revokeCompanyTokens();
    }

    /** Stops serving at once: open connections are closed, requests a test's faults hold up go unanswered. */
    @Override
    public void close() {
        server.stop(0);
        handler.misbehaviour().releaseAll();
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

    /**
     * Serves on 127.0.0.1:${sandbox.port} (default 8090, 0 for any free port) until the process is stopped.
     *
     * @param args none are read
     * @throws InterruptedException when the waiting main thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.getInteger("sandbox.port", DEFAULT_STANDALONE_PORT);
        ChatHubSandbox sandbox = builder().port(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "chathub-sandbox-shutdown"));
        sandbox.printSeed(System.out);
        Thread.currentThread().join();
    }

    void printSeed(PrintStream out) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(API_URL_SETTING, baseUri.toString());
        settings.put(WIDGET_URL_SETTING, widgetScriptUri().toString());
        settings.put(LOGIN_SETTING, LOGIN);
        settings.put(PASSWORD_SETTING, PASSWORD);
        out.println("ChatHub sandbox (offline emulator, not for production) at " + baseUri);
        out.println();
        out.println("To point an application at it, paste into its WEB-INF/web.xml:");
        settings.forEach((name, value) -> out.println("  <context-param><param-name>" + name
                + "</param-name><param-value>" + value + "</param-value></context-param>"));
        out.println("or start its server with:");
        out.println("  " + settings.entrySet().stream().map(setting -> "-D" + setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining(" ")));
        out.println();
        out.println("Instead of login and password, " + COMPANY_TOKEN_SETTING + "=" + COMPANY_TOKEN + " works too.");
        out.println();
        out.println("Seed:");
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
            ByteArrayOutputStream script = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) != -1; ) {
                script.write(buffer, 0, read);
            }
            return script.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox widget script", e);
        }
    }

    private ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "chathub-sandbox-" + count.incrementAndGet());
            thread.setDaemon(true);
            threads.removeIf(started -> started.getState() == Thread.State.TERMINATED);
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

        /**
         * The port on 127.0.0.1.
         *
         * @param port 0 for an ephemeral port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("sandbox port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Decides token expiry and the 24-hour limit; tests pass a clock they move.
         *
         * @param clock default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the sandbox.
         *
         * @return the running sandbox; close it when done
         * @throws UncheckedIOException when the port cannot be bound
         */
        public ChatHubSandbox start() {
            try {
                return new ChatHubSandbox(port, clock);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the ChatHub sandbox on 127.0.0.1:" + port, e);
            }
        }
    }
}
