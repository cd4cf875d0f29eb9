package com.smsbat.chathub.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The standalone sandbox as a user starts it: {@link ChatHubSandbox#main} in a JVM of its own (what
 * {@code exec:java} runs), on a free loopback port ({@code -Dsandbox.port=0}), found through the settings it prints.
 */
final class StandaloneSandbox implements AutoCloseable {

    private static final long START_SECONDS = 60;

    private final Process process;
    private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> systemProperties;

    StandaloneSandbox() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dsandbox.port=0",
                    ChatHubSandbox.class.getName()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the standalone sandbox", e);
        }
        CompletableFuture<String> optionsLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(optionsLine), "standalone-sandbox-output");
        reader.setDaemon(true);
        reader.start();
        try {
            systemProperties = parseOptions(optionsLine.get(START_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while the standalone sandbox started", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("the standalone sandbox printed no -D options within " + START_SECONDS
                    + " s; it printed:\n" + String.join("\n", printed), e);
        }
    }

    /** Every line printed so far. */
    List<String> printed() {
        synchronized (printed) {
            return List.copyOf(printed);
        }
    }

    /** The {@code -Dname=value} options it printed, by name. */
    Map<String, String> systemProperties() {
        return systemProperties;
    }

    URI baseUri() {
        return URI.create(systemProperties.get(ChatHubSandbox.API_URL_SETTING));
    }

    private void readOutput(CompletableFuture<String> optionsLine) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                printed.add(line);
                if (line.strip().startsWith("-D" + ChatHubSandbox.API_URL_SETTING + "=")) {
                    optionsLine.complete(line.strip());
                }
            }
            optionsLine.completeExceptionally(new IllegalStateException("the standalone sandbox ended"));
        } catch (IOException e) {
            optionsLine.completeExceptionally(e);
        }
    }

    private static Map<String, String> parseOptions(String line) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : line.split(" ")) {
            int equals = option.indexOf('=');
            options.put(option.substring(2, equals), option.substring(equals + 1));
        }
        return options;
    }

    /** Stops the JVM as Ctrl+C would, and for good if it does not stop by itself. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
