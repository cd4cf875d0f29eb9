package com.smsbat.chathub.bench;

import com.smsbat.chathub.bench.LoadDriver.Result;
import com.smsbat.chathub.bench.Report.Bar;
import com.smsbat.chathub.bench.Report.Row;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A page against its baseline, loaded by the second process. Throughput: both pages at once, half the driver's
 * connections each, so that whatever else runs on a shared machine slows both alike and the ratio of their
 * throughputs is the ratio of their costs. Heap per view: each page alone, while the server's JVM (this one)
 * counts what its threads allocate.
 */
final class PageComparison {

    /** Long enough for the JIT to finish with freshly deployed pages, or the side with more code starts behind. */
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration ROUND = Duration.ofSeconds(4);
    private static final Duration ALONE = Duration.ofSeconds(3);

    private final Side baseline;
    private final Side measured;
    /** Measured over baseline throughput of each round, sorted. */
    private final double[] roundRatios;
    private final String load;

    private PageComparison(Side baseline, Side measured, double[] roundRatios, String load) {
        this.baseline = baseline;
        this.measured = measured;
        this.roundRatios = roundRatios.clone();
        Arrays.sort(this.roundRatios);
        this.load = load;
    }

    static PageComparison run(LoadDriver.Remote driver, URI baseline, URI measured, int rounds) throws IOException {
        return run(driver, baseline, measured, rounds, true);
    }

    /** {@code heap}: whether to measure the heap allocated per view too (each page alone, which takes 12 s). */
    static PageComparison run(LoadDriver.Remote driver, URI baseline, URI measured, int rounds, boolean heap)
            throws IOException {
        Side base = new Side(baseline);
        Side with = new Side(measured);
        driver.during(WARM_UP, baseline, measured);
        for (Side side : heap ? List.of(base, with, with, base) : List.<Side>of()) {
            Map<Long, Long> before = allocatedBytesByThread();
            Result alone = driver.during(ALONE, side.uri).get(0);
            side.alone(alone, allocatedSince(before));
        }
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // Each page takes the first place in every other round, so that any advantage of one place cancels out.
            boolean baselineFirst = round % 2 == 0;
            List<Result> both = baselineFirst ? driver.during(ROUND, baseline, measured)
                    : swapped(driver.during(ROUND, measured, baseline));
            base.add(both.get(0));
            with.add(both.get(1));
            ratios[round] = (double) both.get(1).views() / both.get(0).views();
            System.out.printf("    round %d: %,.0f vs %,.0f pages/s (%.3f×)%n", round + 1, both.get(1).perSecond(),
                    both.get(0).perSecond(), ratios[round]);
        }
        return new PageComparison(base, with, ratios, String.format("%d + %d concurrent, %d × %d s",
                driver.threads() / 2, driver.threads() / 2, rounds, ROUND.toSeconds()));
    }

    private static List<Result> swapped(List<Result> pair) {
        return List.of(pair.get(1), pair.get(0));
    }

    /** Both pages had the same rounds, so their throughputs compare as their view counts. */
    double ratio() {
        return (double) measured.views / baseline.views;
    }

    /** Met when the throughput ratio reaches {@code target} and every measured page had its panel. */
    Row row(String measurement, double target) {
        return row(measurement, target, true);
    }

    /**
     * Met when the throughput ratio reaches {@code target} and no measured response failed; {@code panels}:
     * whether each must also have had its panel (or else none may have one).
     */
    Row row(String measurement, double target, boolean panels) {
        return new Row(measurement + " (" + load + ")", baseline.describe(), measured.describe(),
                spread(),
                String.format("≥ %.2f×", target),
                Report.verdict(ratio() >= target && measured.failures == 0
                        && measured.panels == (panels ? measured.views : 0)));
    }

    /** A comparison with no target: the run's own spread, for reading the other ratios against. */
    Row referenceRow(String measurement) {
        return new Row(measurement + " (" + load + ")", baseline.describe(), measured.describe(), spread(), "–", "–");
    }

    private String spread() {
        return String.format("%s (rounds %.3f–%.3f×)", Benchmarks.times(ratio()), roundRatios[0],
                roundRatios[roundRatios.length - 1]);
    }

    Row allocationRow(String measurement) {
        return new Row(measurement, String.format("%,.1f KB", baseline.bytesPerView() / 1024),
                String.format("%,.1f KB (%+,.1f KB per response)", measured.bytesPerView() / 1024,
                        extraBytesPerView() / 1024),
                Benchmarks.times(measured.bytesPerView() / baseline.bytesPerView()), "–", "–");
    }

    double extraBytesPerView() {
        return measured.bytesPerView() - baseline.bytesPerView();
    }

    Bar bar(String label, double target) {
        return new Bar(label, ratio(), Benchmarks.times(ratio()), target);
    }

    /** Bytes allocated by each live thread of this JVM. */
    private static Map<Long, Long> allocatedBytesByThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            byThread.put(ids[i], bytes[i]);
        }
        return byThread;
    }

    /** Per thread rather than in total, so that idle pool threads ending in between do not count as negative. */
    private static long allocatedSince(Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> now : allocatedBytesByThread().entrySet()) {
            sum += Math.max(0, now.getValue() - before.getOrDefault(now.getKey(), 0L));
        }
        return sum;
    }

    /** One page's figures added up. */
    private static final class Side {
        final URI uri;
        long views;
        long panels;
        long failures;
        long nanos;
        long aloneViews;
        long allocated;

        Side(URI uri) {
            this.uri = uri;
        }

        void add(Result result) {
            views += result.views();
            panels += result.panels();
            failures += result.failures();
            nanos += result.nanos();
        }

        /** {@code allocatedBytes}: what the server allocated while this page was loaded alone. */
        void alone(Result result, long allocatedBytes) {
            aloneViews += result.views();
            allocated += allocatedBytes;
        }

        double perSecond() {
            return views * 1e9 / nanos;
        }

        double bytesPerView() {
            return (double) allocated / aloneViews;
        }

        String describe() {
            return String.format("%,.0f pages/s, %d%% with panel%s", perSecond(), Math.round(100.0 * panels / views),
                    failures == 0 ? "" : ", " + failures + " failed");
        }
    }
}
