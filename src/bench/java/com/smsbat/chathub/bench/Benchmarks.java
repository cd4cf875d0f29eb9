package com.smsbat.chathub.bench;

import com.smsbat.chathub.bench.LoadDriver.Result;
import com.smsbat.chathub.bench.Report.Bar;
import com.smsbat.chathub.bench.Report.Chart;
import com.smsbat.chathub.bench.Report.Row;
import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.internal.cache.OperatorTokenCache;
import com.smsbat.chathub.internal.cache.OperatorTokenSource;
import com.smsbat.chathub.internal.identity.IdentityBenchmark;
import com.smsbat.chathub.internal.injection.InjectionBenchmark;
import com.smsbat.chathub.internal.rendering.WidgetMarkupBenchmark;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.SharedJetty;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Every benchmark of {@code docs/benchmarks.md} in one run: {@value #COMMAND}. Starts
 * what it needs (ChatHub sandboxes, Jetty with real JSPs, a second JVM as load driver), all on 127.0.0.1,
 * measures each figure against its baseline from this same run, prints the table and writes it with a chart
 * to {@code bench.output} ({@code taglib/target/benchmarks}). Ends by itself, at the latest after twelve minutes.
 */
public final class Benchmarks {

    private static final Duration TIME_LIMIT = Duration.ofMinutes(12);
    /** Concurrent page loads for counting and throughput: enough to keep two cores busy. */
    private static final int THREADS = 8;
    /** Fewer for latency, so that figures measure waiting for the page, not for a core. */
    private static final int LATENCY_THREADS = 4;
    private static final int OPERATORS = 100;
    private static final int VIEWS = 10_000;
    private static final int STAMPEDE = 200;
    /** Long enough that all first views arrive while the first one's token fetch is still running. */
    private static final Duration STAMPEDE_UPSTREAM = Duration.ofMillis(500);
    private static final int COLD_OPERATORS = 40;
    private static final Duration SLOW_UPSTREAM = Duration.ofSeconds(2);
    /** {@code chathub.wait}, left at its default. */
    private static final Duration WAIT_BUDGET = Duration.ofSeconds(2);
    /** Page views for latency, both applications together. */
    private static final int LATENCY_VIEWS = 8_000;
    private static final int NAIVE_LATENCY_VIEWS = 2_000;
    private static final int MEMORY_TOKENS = 10_000;
    /** Rounds of loading both pages at once when comparing throughput. */
    private static final int ROUNDS = 8;
    /** Fewer for the small page with the tag and for responses that are not pages, to stay within the time limit. */
    private static final int SHORT_ROUNDS = 6;
    private static final String COMMAND = "mvn -B -Pbench -pl taglib verify";

    /**
     * The library warns once per operator it cannot get a token for, as it should; the hung-upstream run makes
     * forty of those, which would bury the results. Held here so the setting is not collected with the logger.
     */
    private static final Logger LIBRARY_LOG = Logger.getLogger("com.smsbat.chathub");

    private final Report report = new Report();
    private final List<Bar> callBars = new ArrayList<>();
    private final List<Bar> latencyBars = new ArrayList<>();
    private final List<Bar> costBars = new ArrayList<>();
    private final List<Bar> memoryBars = new ArrayList<>();

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "benchmark-time-limit");
            thread.setDaemon(true);
            return thread;
        }).schedule(() -> {
            System.err.println("Benchmarks stopped: still running after " + TIME_LIMIT);
            System.exit(2);
        }, TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
        LIBRARY_LOG.setLevel(Level.SEVERE);
        long started = System.nanoTime();
        new Benchmarks().run(Path.of(System.getProperty("bench.output", "target/benchmarks")));
        System.out.printf("Benchmarks took %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        micro();
        memory();
        try (ChatHubSandbox sandbox = ChatHubSandbox.start()) {
            List<Operator> operators = BenchApp.createOperators(sandbox, OPERATORS + 1 + COLD_OPERATORS, "Bench operator ");
            try (TestContainer app = TestContainer.start(BenchApp.withLibrary(sandbox, operators, Map.of()))) {
                upstreamCalls(sandbox, app);
                stampede(sandbox, app);
                latencyIsolation(sandbox, app);
                hungUpstream(sandbox, app);
                pageCost(app);
            }
            injection(sandbox, operators.subList(0, OPERATORS));
        }
        report.add(new Chart("Upstream get-token calls (log scale)", true, callBars));
        report.add(new Chart("Page latency, ms (log scale)", true, latencyBars));
        report.add(new Chart("Throughput with vs without (ratio)", false, costBars));
        report.add(new Chart("Heap retained by cached tokens, MB", false, memoryBars));

        String machine = COMMAND + " · " + machine();
        String table = report.markdown();
        System.out.println();
        System.out.println(machine);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("results.md"), machine + "\n\n" + table);
        report.writePng(output.resolve("benchmarks.png"), machine);
        System.out.println("Written: " + output.resolve("results.md") + ", " + output.resolve("benchmarks.png"));
    }

    /** JMH, one short fork each: the two are compared with each other, not with other machines. */
    private void micro() throws Exception {
        System.out.println("Micro benchmarks (JMH)…");
        Map<String, RunResult> results = new HashMap<>();
        for (RunResult result : new Runner(new OptionsBuilder()
                .include(CacheHitBenchmark.class.getName())
                .include(WidgetMarkupBenchmark.class.getName())
                .include(InjectionBenchmark.class.getName())
                .include(IdentityBenchmark.class.getName() + "\\.(remoteUser|expressionAndRole)$")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(5)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(10)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build()).run()) {
            String method = result.getParams().getBenchmark();
            String kilobytes = result.getParams().getParam("kilobytes");
            results.put(method.substring(method.lastIndexOf('.') + 1) + (kilobytes == null ? "" : kilobytes), result);
        }
        RunResult hit = results.get("cacheHit");
        RunResult markup = results.get("widgetMarkup");
        report.add(new Row("JMH: cache hit, `OperatorTokenCache.get`", "–", micro(hit), "–", "–", "–"));
        report.add(new Row("JMH: the tag's markup from a warm cache", "cache hit " + nanos(hit), micro(markup),
                times(score(markup) / score(hit)), "≤ 2 KB allocated per page",
                Report.verdict(allocated(markup) <= 2048)));
        RunResult remoteUser = results.get("remoteUser");
        RunResult expressions = results.get("expressionAndRole");
        double added = score(expressions) - score(remoteUser);
        report.add(new Row("JMH: finding the user with `chathub.user` and `chathub.role.expression` over the session's "
                + "own bean (session a stand-in)", "container's remote user: " + micro(remoteUser),
                micro(expressions) + String.format(", %+.0f ns per request", added),
                times(score(expressions) / score(remoteUser)), "≤ 1 µs added per request", Report.verdict(added <= 1000)));
        Map<String, Double> extra = new HashMap<>();
        for (String kilobytes : List.of("4", "100")) {
            RunResult plain = results.get("plainPage" + kilobytes);
            RunResult injected = results.get("injectedPage" + kilobytes);
            extra.put(kilobytes, allocated(injected) - allocated(plain));
            report.add(new Row("JMH: zero-touch injection's own work on a ~" + kilobytes
                    + " KB page (markup ready; container a stand-in)", "page written without injector: " + micro(plain),
                    micro(injected) + String.format(", %+.0f B per page", extra.get(kilobytes)),
                    times(score(injected) / score(plain)), "≤ 1 KB extra allocated per page",
                    Report.verdict(extra.get(kilobytes) <= 1024)));
        }
        RunResult floor = results.get("everyUnitOnce100");
        RunResult injected100 = results.get("injectedPage100");
        report.add(new Row("JMH: zero-touch injection's own work on a ~100 KB page vs reading each of its units once "
                + "(counting `<`: the least an exact search for a real `</body>` does)", "every unit once: " + micro(floor),
                micro(injected100), times(score(injected100) / score(floor)), "– (for comparison)", "–"));
        // Counted exactly by JMH: the server-wide heap figures below move by more than this from view to view.
        double growth = extra.get("100") / extra.get("4");
        report.add(new Row("JMH: zero-touch injection's own allocation, ~100 KB page vs ~4 KB page",
                String.format("%+.0f B per page", extra.get("4")), String.format("%+.0f B per page", extra.get("100")),
                times(growth), "bounded: < 2× (proportional would be 25×)", Report.verdict(growth > 0 && growth < 2)));
    }

    private static double allocated(RunResult result) {
        return result.getSecondaryResults().get("gc.alloc.rate.norm").getScore();
    }

    private static String micro(RunResult result) {
        return String.format("%.0f ± %.0f ns/op, %.0f B/op", score(result),
                result.getPrimaryResult().getScoreError(), allocated(result));
    }

    private static double score(RunResult result) {
        return result.getPrimaryResult().getScore();
    }

    private static String nanos(RunResult result) {
        return String.format("%.0f ns", score(result));
    }

    /**
     * Heap retained by 10,000 cached tokens: used heap after full GCs with the cache filled from a sandbox, and
     * again once {@code close()} has dropped its tokens. Measured by what is given back rather than by what
     * filling adds, because objects of the setup that die while the cache fills would count against it.
     */
    private void memory() throws Exception {
        System.out.println("Memory of " + MEMORY_TOKENS + " cached tokens…");
        ExecutorService readers = Executors.newFixedThreadPool(16);
        try (ChatHubSandbox sandbox = ChatHubSandbox.start(); ChatHubClient client = BenchApp.client(sandbox)) {
            List<Operator> operators = BenchApp.createOperators(sandbox, MEMORY_TOKENS, "Memory operator ");
            OperatorTokenCache cache = OperatorTokenCache.builder(OperatorTokenSource.chatHub(client, false)).build();
            int cached = fill(cache, operators, readers);
            long full = usedHeapAfterGc();
            cache.close();
            long retained = full - usedHeapAfterGc();
            report.add(new Row("Heap retained by 10,000 cached operator tokens (used heap after GC, full vs emptied)",
                    "emptied cache", String.format("%.2f MB (%,d B per token; %,d of %,d cached)",
                    retained / 1e6, retained / MEMORY_TOKENS, cached, MEMORY_TOKENS),
                    times(retained / 10e6) + " of target", "≤ 10 MB",
                    Report.verdict(retained <= 10_000_000 && cached == MEMORY_TOKENS)));
            memoryBars.add(new Bar("10,000 cached tokens", retained / 1e6, String.format("%.2f MB", retained / 1e6), 10));
        } finally {
            readers.shutdownNow();
        }
    }

    private static int fill(OperatorTokenCache cache, List<Operator> operators, ExecutorService readers) throws Exception {
        List<Callable<Boolean>> reads = operators.stream()
                .<Callable<Boolean>>map(operator -> () -> cache.get(new OperatorAssignment(24, operator.id())).isPresent())
                .toList();
        int cached = 0;
        for (Future<Boolean> read : readers.invokeAll(reads)) {
            cached += read.get() ? 1 : 0;
        }
        return cached;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** (a) the library's cache, (b) the naive page, each 10,000 views spread over 100 operators. */
    private void upstreamCalls(ChatHubSandbox sandbox, TestContainer app) {
        System.out.println("Upstream calls for " + VIEWS + " page views…");
        LoadDriver driver = new LoadDriver(users(1, OPERATORS));
        sandbox.resetCalls();
        Result cached = driver.views(app.uri(BenchApp.TAG_PAGE), VIEWS, THREADS);
        int cachedTokens = sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN);
        String ours = String.format("%,d get-token + %,d validate-token + %d company login; %,d/%,d with panel",
                cachedTokens, sandbox.calls(SandboxEndpoint.VALIDATE_TOKEN), sandbox.calls(SandboxEndpoint.COMPANY_TOKEN),
                cached.panels(), VIEWS);
        sandbox.resetCalls();
        Result naive = driver.views(app.uri(BenchApp.NAIVE_PAGE), VIEWS, THREADS);
        int naiveTokens = sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN);
        report.add(new Row("Upstream calls, 10,000 views by 100 operators",
                String.format("naive: %,d get-token; %,d/%,d with panel", naiveTokens, naive.panels(), VIEWS), ours,
                times((double) cachedTokens / naiveTokens), "100 get-token (one per operator) + validation; naive 10,000",
                Report.verdict(cachedTokens == OPERATORS && naiveTokens == VIEWS && cached.panels() == VIEWS)));
        callBars.add(new Bar("10,000 views, naive", naiveTokens, String.format("%,d", naiveTokens), VIEWS));
        callBars.add(new Bar("10,000 views, our cache", cachedTokens, String.format("%,d", cachedTokens), OPERATORS));
    }

    /** 200 simultaneous first views of one operator, while ChatHub takes 500 ms to answer. */
    private void stampede(ChatHubSandbox sandbox, TestContainer app) {
        System.out.println("Stampede of " + STAMPEDE + " first views…");
        int[] tokens = new int[2];
        Result[] results = new Result[2];
        String[] pages = {BenchApp.NAIVE_PAGE, BenchApp.TAG_PAGE};
        for (int i = 0; i < pages.length; i++) {
            sandbox.resetCalls();
            SandboxFaults.of(sandbox).delay(SandboxEndpoint.OPERATOR_TOKEN, STAMPEDE_UPSTREAM);
            results[i] = new LoadDriver(List.of(BenchApp.user(OPERATORS + 1)))
                    .views(app.uri(pages[i]), STAMPEDE, STAMPEDE);
            SandboxFaults.of(sandbox).clear();
            tokens[i] = sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN);
        }
        report.add(new Row("Stampede: 200 concurrent first views of one operator, upstream answering after 500 ms",
                String.format("naive: %d get-token", tokens[0]),
                String.format("%d get-token; %d/%d with panel, slowest %.0f ms", tokens[1], results[1].panels(), STAMPEDE,
                        results[1].percentileMillis(100)),
                times((double) tokens[1] / tokens[0]), "1 get-token", Report.verdict(tokens[1] == 1 && results[1].panels() == STAMPEDE)));
        callBars.add(new Bar("200 concurrent first views, naive", tokens[0], String.valueOf(tokens[0]), Double.NaN));
        callBars.add(new Bar("200 concurrent first views, our cache", tokens[1], String.valueOf(tokens[1]), 1));
    }

    /**
     * Warm pages of two identical applications loaded at the same time, so that other load on the machine hits
     * both alike: one's ChatHub answers instantly, the other's after 2 s; then the other way round, so that
     * whatever makes one application a little faster than the other counts on both sides. Then the naive page
     * both ways.
     */
    private void latencyIsolation(ChatHubSandbox sandbox, TestContainer app) {
        System.out.println("Latency with a slow upstream…");
        LoadDriver driver = new LoadDriver(users(1, OPERATORS));
        try (ChatHubSandbox otherSandbox = ChatHubSandbox.start();
             TestContainer otherApp = TestContainer.start(BenchApp.withLibrary(otherSandbox,
                     BenchApp.createOperators(otherSandbox, OPERATORS, "Bench operator "), Map.of()).contextPath("/other"))) {
            List<URI> pages = List.of(app.uri(BenchApp.TAG_PAGE), otherApp.uri(BenchApp.TAG_PAGE));
            List<ChatHubSandbox> sandboxes = List.of(sandbox, otherSandbox);
            // the same 10,000 views the first application has had, so that both pages are equally warm
            driver.views(pages.get(1), VIEWS, THREADS);
            Result instant = null;
            Result slow = null;
            int upstream = 0;
            for (int slowSide = 1; slowSide >= 0; slowSide--) {
                ChatHubSandbox slowed = sandboxes.get(slowSide);
                slowUpstream(slowed);
                slowed.resetCalls();
                List<Result> both = driver.views(pages, LATENCY_VIEWS / 2, LATENCY_THREADS);
                upstream += slowed.calls(SandboxEndpoint.OPERATOR_TOKEN) + slowed.calls(SandboxEndpoint.VALIDATE_TOKEN);
                SandboxFaults.of(slowed).clear();
                instant = both.get(1 - slowSide).plus(instant);
                slow = both.get(slowSide).plus(slow);
            }
            for (double percentile : new double[] {50, 99}) {
                double ratio = slow.percentileMillis(percentile) / instant.percentileMillis(percentile);
                report.add(new Row(String.format("Warm page p%.0f, upstream answering after 2 s (our cache)", percentile),
                        String.format("instant upstream: %.1f ms", instant.percentileMillis(percentile)),
                        String.format("%.1f ms (%,d + %,d views, %d upstream calls)", slow.percentileMillis(percentile),
                                instant.views(), slow.views(), upstream),
                        times(ratio), "≤ 1.10×", Report.verdict(ratio <= 1.10)));
            }
            latencyBars.add(new Bar("cache, instant upstream, p99", instant.percentileMillis(99), millis(instant, 99), Double.NaN));
            latencyBars.add(new Bar("cache, upstream after 2 s, p99", slow.percentileMillis(99), millis(slow, 99),
                    1.1 * instant.percentileMillis(99)));
        }
        Result naiveInstant = driver.views(app.uri(BenchApp.NAIVE_PAGE), NAIVE_LATENCY_VIEWS, LATENCY_THREADS);
        slowUpstream(sandbox);
        Result naiveSlow = driver.views(app.uri(BenchApp.NAIVE_PAGE), 4 * THREADS, THREADS);
        SandboxFaults.of(sandbox).clear();
        report.add(new Row("Naive page p99, upstream answering after 2 s",
                String.format("naive, instant upstream: %.1f ms", naiveInstant.percentileMillis(99)),
                String.format("%,.0f ms (%d views)", naiveSlow.percentileMillis(99), naiveSlow.views()),
                times(naiveSlow.percentileMillis(99) / naiveInstant.percentileMillis(99)), "– (for comparison)", "–"));
        latencyBars.add(new Bar("naive, instant upstream, p99", naiveInstant.percentileMillis(99), millis(naiveInstant, 99), Double.NaN));
        latencyBars.add(new Bar("naive, upstream after 2 s, p99", naiveSlow.percentileMillis(99), millis(naiveSlow, 99), Double.NaN));
    }

    private static void slowUpstream(ChatHubSandbox sandbox) {
        SandboxFaults.of(sandbox).delay(SandboxEndpoint.OPERATOR_TOKEN, SLOW_UPSTREAM).delay(SandboxEndpoint.VALIDATE_TOKEN, SLOW_UPSTREAM);
    }

    /** First views of operators never seen before while ChatHub does not answer at all. */
    private void hungUpstream(ChatHubSandbox sandbox, TestContainer app) {
        System.out.println("Cold pages with a hung upstream…");
        List<String> cold = users(OPERATORS + 2, OPERATORS + 1 + COLD_OPERATORS);
        SandboxFaults.of(sandbox).hang(SandboxEndpoint.OPERATOR_TOKEN);
        Result ours = new LoadDriver(cold).views(app.uri(BenchApp.TAG_PAGE), COLD_OPERATORS, THREADS);
        Result naive = new LoadDriver(cold).views(app.uri(BenchApp.NAIVE_PAGE), THREADS, THREADS);
        SandboxFaults.of(sandbox).clear();
        double budget = WAIT_BUDGET.toMillis();
        double ratio = ours.percentileMillis(99) / budget;
        report.add(new Row("Hung upstream: cold page p99 against the wait budget (`chathub.wait`)",
                String.format("budget %,.0f ms", budget),
                String.format("%,.0f ms (%d views, %d with fallback and no failure); naive: %,.0f ms, %d/%d failed",
                        ours.percentileMillis(99), ours.views(), ours.views() - ours.panels() - ours.failures(),
                        naive.percentileMillis(99), naive.failures(), naive.views()),
                times(ratio), "≤ 1.10× budget", Report.verdict(ratio <= 1.10 && ours.failures() == 0)));
        latencyBars.add(new Bar("cache, hung upstream, cold, p99", ours.percentileMillis(99), millis(ours, 99), budget));
        latencyBars.add(new Bar("naive, hung upstream, p99 (fails)", naive.percentileMillis(99), millis(naive, 99), Double.NaN));
    }

    /** The ~30 KB page with and without the tag, driven from a second process. */
    private void pageCost(TestContainer app) throws Exception {
        System.out.println("Page cost of the tag (second process drives the load)…");
        try (LoadDriver.Remote driver = LoadDriver.Remote.start(THREADS, OPERATORS)) {
            PageComparison tag = PageComparison.run(driver, app.uri(BenchApp.PLAIN_PAGE), app.uri(BenchApp.TAG_PAGE), ROUNDS);
            report.add(tag.row("Page cost: " + kilobytes(app.uri(BenchApp.TAG_PAGE))
                    + " JSP with `<chathub:widget/>` vs without, throughput", 0.97));
            report.add(tag.allocationRow("Server heap allocated per page view, tag vs without (each page alone)"));
            costBars.add(tag.bar("30 KB JSP, with tag / without", 0.97));
        }
    }

    /**
     * Zero-touch injection: each response of an application with {@code chathub.inject=true} vs the same response of
     * an application without the library — the ~4 KB page (with the tag too, where the tag draws the panel and
     * nothing is injected), the ~100 KB page, a stylesheet and JSON.
     */
    private void injection(ChatHubSandbox sandbox, List<Operator> operators) throws Exception {
        System.out.println("Zero-touch injection (second process drives the load)…");
        // Both applications in one server, so that they share its connector and threads as well as the machine.
        try (SharedJetty server = SharedJetty.start(BenchApp.withLibrary(sandbox, operators,
                Map.of("chathub.inject", "true")).contextPath("/inject"), BenchApp.withoutLibrary(OPERATORS));
             LoadDriver.Remote driver = LoadDriver.Remote.start(THREADS, OPERATORS)) {
            Function<String, URI> injecting = path -> server.uri(0, path);
            Function<String, URI> bare = path -> server.uri(1, path);
            URI small = bare.apply(BenchApp.SMALL_PAGE);
            // The same page on both sides: how far apart two equal sides come out on this machine in this run.
            PageComparison same = PageComparison.run(driver, small, small, SHORT_ROUNDS, false);
            report.add(same.referenceRow("Noise floor: the same " + kilobytes(small) + " JSP on both sides, no library, throughput"));
            PageComparison injected = PageComparison.run(driver, small, injecting.apply(BenchApp.SMALL_PAGE), ROUNDS);
            report.add(injected.row("Zero-touch injection: " + kilobytes(small)
                    + " JSP, `chathub.inject=true` vs no library, throughput", 0.97));
            report.add(injected.allocationRow("Server heap allocated per page view, 4 KB page injected vs no library "
                    + "(each page alone; includes rendering the panel)"));
            costBars.add(injected.bar("4 KB JSP, injected / no library", 0.97));
            PageComparison tagged = PageComparison.run(driver, small, injecting.apply(BenchApp.SMALL_TAG_PAGE),
                    SHORT_ROUNDS, false);
            report.add(tagged.row("Zero-touch on, page with `<chathub:widget/>` (nothing injected): "
                    + kilobytes(injecting.apply(BenchApp.SMALL_TAG_PAGE)) + " JSP vs the page without tag and library, throughput",
                    0.97));
            costBars.add(tagged.bar("4 KB JSP with tag, inject on / no library", 0.97));
            PageComparison large = PageComparison.run(driver, bare.apply(BenchApp.LARGE_PAGE), injecting.apply(BenchApp.LARGE_PAGE), ROUNDS);
            report.add(large.row("Zero-touch injection: " + kilobytes(bare.apply(BenchApp.LARGE_PAGE))
                    + " JSP, `chathub.inject=true` vs no library, throughput", 0.98));
            report.add(large.allocationRow("Server heap allocated per page view, 100 KB page injected vs no library (each page alone)"));
            costBars.add(large.bar("100 KB JSP, injected / no library", 0.98));
            for (String response : List.of(BenchApp.STYLESHEET, BenchApp.JSON)) {
                PageComparison other = PageComparison.run(driver, bare.apply(response), injecting.apply(response),
                        SHORT_ROUNDS, false);
                String what = response.equals(BenchApp.STYLESHEET) ? "stylesheet (static file)" : "JSON (servlet)";
                report.add(other.row("Zero-touch on, not a page: " + kilobytes(bare.apply(response)) + " " + what
                        + ", `chathub.inject=true` vs no library, throughput", 0.99, false));
                costBars.add(other.bar(what.substring(0, what.indexOf(' ')) + ", inject on / no library", 0.99));
            }
        }
    }

    private static List<String> users(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(BenchApp::user).toList();
    }

    /** The size of the page as user op1 gets it. */
    private static String kilobytes(URI page) {
        TestHttp http = TestHttp.as(BenchApp.user(1), BenchApp.PASSWORD);
        HttpResponse<byte[]> response = http.sendForBytes(http.request(page).GET().build());
        return String.format("%.1f KB", response.body().length / 1024.0);
    }

    private static String millis(Result result, double percentile) {
        return String.format("%,.1f ms", result.percentileMillis(percentile));
    }

    static String times(double ratio) {
        return String.format("%.3f×", ratio);
    }

    private static String machine() throws IOException {
        Path cpuInfo = Path.of("/proc/cpuinfo");
        String cpu = "";
        if (Files.isReadable(cpuInfo)) {
            try (Stream<String> lines = Files.lines(cpuInfo)) {
                cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                        .map(line -> line.substring(line.indexOf(':') + 1).strip() + ", ").orElse("");
            }
        }
        return String.format("%s · %s%d cores · %s %s · %s %s", LocalDate.now(), cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), Runtime.version(),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
