package com.smsbat.chathub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An installed server (Debian's Tomcat, the Jetty distribution) run as its own process from a base directory
 * under {@code target/installed/}, bound to 127.0.0.1 and a free port, the demo WAR deployed as a file at
 * {@value #CONTEXT}. Its console output goes to a log file in the base, as a service's would.
 */
abstract class InstalledServer implements DemoSite, AutoCloseable {

    static final String CONTEXT = "/chathub-demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    final Path base;
    final int port = freePort();
    private Process process;

    InstalledServer(String name) {
        base = Path.of(System.getProperty("installed.dir", "target/installed")).toAbsolutePath().resolve(name);
        deleteTree(base);
        createDirectories(base);
    }

    /** The file the server's console output goes to. */
    abstract Path console();

    @Override
    public URI uri(String path) {
        return uri(CONTEXT, path);
    }

    URI uri(String context, String path) {
        return URI.create("http://127.0.0.1:" + port + context + path);
    }

    /** Starts {@code command} in the base directory and waits until the server accepts connections. */
    void start(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepting()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the server did not start listening on port " + port + ": "
                        + String.join(" ", command) + "\n" + read(console()));
            }
            pause();
        }
    }

    private boolean accepting() {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server the way a service manager does (SIGTERM: the server's shutdown hook stops it cleanly). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a command of the installation (not the server) in the base directory and waits for it to succeed. */
    void run(List<String> command) {
        try {
            Process setup = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true).start();
            String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (setup.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The demo WAR as the build packaged it, copied into {@code directory} as {@code name}. */
    static void copyWar(Path directory, String name) {
        copy(DemoBuild.war(), directory.resolve(name));
    }

    /** The current JVM's {@code java}, for servers started the way their documentation says. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void copy(Path from, Path to) {
        try {
            createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code docs/installed-servers.md}, "Run the demo WAR on your own Tomcat or Jetty", which these servers follow. */
    static String installedServersPage() {
        return read(shipped("../../../docs/installed-servers.md").normalize());
    }

    /** A file the demo ships for installed servers, e.g. {@code tomcat/tomcat-users.xml}. */
    static Path shipped(String path) {
        return Path.of(System.getProperty("demo.sources", "src/main")).toAbsolutePath().resolve(path);
    }

    /** Waits a moment between two looks at a server that is starting: there is no event to wait for. */
    static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
