package com.smsbat.chathub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Page views at a fixed concurrency: {@code threads} platform threads, each sending GETs back to back over a
 * keep-alive HTTP/1.1 connection, the logged-in users (BASIC) taken in turn. With several pages, the threads
 * are dealt out among them and all pages are loaded at the same time. Used in-process where latencies are the
 * figure, and as a second process ({@link #main}) where the server's throughput is, so that the client's work
 * is not done by the server's JVM.
 */
final class LoadDriver {

    /** What the panel's script tag starts with, whether the tag or the filter wrote it. */
    static final String PANEL_MARKER = "id=\"operator-chat-panel-script";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> authorizations;

    /**
     * @param views    page views made
     * @param panels   of which showed a panel
     * @param failures of which failed (no answer, or not 200)
     * @param nanos    from the first request sent to the last answer read
     * @param latencies per view in nanoseconds, sorted; empty for runs limited by time
     */
    record Result(int views, int panels, int failures, long nanos, long[] latencies) {

        double perSecond() {
            return views * 1e9 / nanos;
        }

        double percentileMillis(double percentile) {
            int index = (int) Math.ceil(percentile / 100 * latencies.length) - 1;
            return latencies[Math.max(0, index)] / 1e6;
        }

        /** Both runs as one; {@code other} may be {@code null}. */
        Result plus(Result other) {
            if (other == null) {
                return this;
            }
            long[] both = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, both, latencies.length, other.latencies.length);
            Arrays.sort(both);
            return new Result(views + other.views, panels + other.panels, failures + other.failures,
                    nanos + other.nanos, both);
        }
    }

    LoadDriver(List<String> users) {
        this.authorizations = users.stream().map(user -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + BenchApp.PASSWORD).getBytes(StandardCharsets.UTF_8))).toList();
    }

    /** Exactly {@code views} page views, with their latencies. */
    Result views(URI page, int views, int threads) {
        return views(List.of(page), views, threads).get(0);
    }

    /** {@code views} page views in all, {@code threads} dealt out among {@code pages}; one result each, with latencies. */
    List<Result> views(List<URI> pages, int views, int threads) {
        return run(pages, threads, views, Long.MAX_VALUE);
    }

    /** As many page views as {@code duration} allows, {@code threads} dealt out among {@code pages}; one result each. */
    List<Result> during(List<URI> pages, Duration duration, int threads) {
        return run(pages, threads, Integer.MAX_VALUE, duration.toNanos());
    }

    private List<Result> run(List<URI> pages, int threads, int maxViews, long maxNanos) {
        boolean timed = maxViews == Integer.MAX_VALUE;
        long[] latencies = timed ? new long[0] : new long[maxViews];
        int[] pageOf = timed ? new int[0] : new int[maxViews];
        AtomicInteger next = new AtomicInteger();
        // per page: views, panels, failures
        int[][] counts = new int[pages.size()][3];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int page = t % pages.size();
            Thread worker = new Thread(() -> {
                int[] mine = new int[3];
                ready.countDown();
                awaitQuietly(go);
                int view;
                while ((view = next.getAndIncrement()) < maxViews && System.nanoTime() - window[0] < maxNanos) {
                    long start = System.nanoTime();
                    String body = get(pages.get(page), authorizations.get(view % authorizations.size()));
                    if (!timed) {
                        latencies[view] = System.nanoTime() - start;
                        pageOf[view] = page;
                    }
                    mine[0]++;
                    if (body == null) {
                        mine[2]++;
                    } else if (body.contains(PANEL_MARKER)) {
                        mine[1]++;
                    }
                }
                synchronized (counts) {
                    for (int i = 0; i < mine.length; i++) {
                        counts[page][i] += mine[i];
                    }
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        awaitQuietly(ready);
        window[0] = System.nanoTime();
        go.countDown();
        workers.forEach(LoadDriver::joinQuietly);
        long nanos = System.nanoTime() - window[0];
        List<Result> results = new ArrayList<>();
        synchronized (counts) {
            for (int page = 0; page < pages.size(); page++) {
                int[] count = counts[page];
                int only = page;
                long[] own = IntStream.range(0, latencies.length).filter(view -> pageOf[view] == only)
                        .mapToLong(view -> latencies[view]).sorted().toArray();
                results.add(new Result(count[0], count[1], count[2], nanos, own));
            }
        }
        return results;
    }

    /** The page's body, or {@code null} when there was no 200 answer. */
    private String get(URI uri, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The second process: {@code LoadDriver <threads> <users>} reads lines {@code <milliseconds> <uri>…} and
     * answers each, once that run is over, with {@code <views> <panels> <failures> <nanos>} per page on one line;
     * ends at the end of its input.
     */
    public static void main(String[] args) throws IOException {
        int threads = Integer.parseInt(args[0]);
        LoadDriver driver = new LoadDriver(IntStream.rangeClosed(1, Integer.parseInt(args[1]))
                .mapToObj(BenchApp::user).toList());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.split(" ");
            List<URI> pages = Arrays.stream(command, 1, command.length).map(URI::create).toList();
            StringBuilder answer = new StringBuilder();
            for (Result result : driver.during(pages, Duration.ofMillis(Long.parseLong(command[0])), threads)) {
                answer.append(result.views()).append(' ').append(result.panels()).append(' ')
                        .append(result.failures()).append(' ').append(result.nanos()).append(' ');
            }
            System.out.println(answer.toString().strip());
            System.out.flush();
        }
    }

    /** {@link #main} in a second JVM on this one's classpath, driven over its standard input and output. */
    static final class Remote implements AutoCloseable {

        private final Process process;
        private final int threads;
        private final Writer commands;
        private final BufferedReader answers;

        private Remote(Process process, int threads) {
            this.process = process;
            this.threads = threads;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Remote start(int threads, int users) throws IOException {
            return new Remote(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), LoadDriver.class.getName(),
                    String.valueOf(threads), String.valueOf(users))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start(), threads);
        }

        int threads() {
            return threads;
        }

        /** As many page views as {@code duration} allows, all {@code pages} at once; one result each, no latencies. */
        List<Result> during(Duration duration, URI... pages) throws IOException {
            StringBuilder command = new StringBuilder().append(duration.toMillis());
            for (URI page : pages) {
                command.append(' ').append(page);
            }
            commands.write(command.append('\n').toString());
            commands.flush();
            String answer = answers.readLine();
            if (answer == null) {
                throw new IOException("the load driver process ended early, exit code " + process.exitValue());
            }
            long[] figures = Arrays.stream(answer.split(" ")).mapToLong(Long::parseLong).toArray();
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < figures.length; i += 4) {
                results.add(new Result((int) figures[i], (int) figures[i + 1], (int) figures[i + 2], figures[i + 3],
                        new long[0]));
            }
            return results;
        }

        @Override
        public void close() throws IOException {
            commands.close();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
