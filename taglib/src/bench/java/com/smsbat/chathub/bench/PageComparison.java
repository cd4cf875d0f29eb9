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
 * Two pages' throughput under the same load from the second process, and what the server's JVM (this one)
 * allocates per page view of each.
 */
final class PageComparison {

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    /** Many short rounds rather than few long ones: the load of a shared machine changes within seconds. */
    private static final Duration ROUND = Duration.ofSeconds(3);

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

    /** Warm-up of both pages, then alternating rounds (A B, B A, A B…) so drift of a shared machine hits both. */
    static PageComparison run(LoadDriver.Remote driver, URI baseline, URI measured, int rounds) throws IOException {
        driver.during(baseline, WARM_UP);
        driver.during(measured, WARM_UP);
        Side base = new Side(baseline);
        Side with = new Side(measured);
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (Side side : round % 2 == 0 ? List.of(base, with) : List.of(with, base)) {
                Map<Long, Long> before = allocatedBytesByThread();
                Result result = driver.during(side.uri, ROUND);
                side.add(result, allocatedSince(before));
                side.lastRound = result.perSecond();
            }
            ratios[round] = with.lastRound / base.lastRound;
            System.out.printf("    round %d: %,.0f vs %,.0f pages/s (%.3f×)%n", round + 1, with.lastRound,
                    base.lastRound, ratios[round]);
        }
        return new PageComparison(base, with, ratios, String.format("%d concurrent, %d × %d s per side",
                driver.threads(), rounds, ROUND.toSeconds()));
    }

    /**
     * The median of the rounds' ratios: each compares two rounds run back to back, and the median is not
     * swayed by a burst of load from other processes during a few rounds, which the totals are.
     */
    double ratio() {
        int middle = roundRatios.length / 2;
        return roundRatios.length % 2 == 1 ? roundRatios[middle] : (roundRatios[middle - 1] + roundRatios[middle]) / 2;
    }

    /** Met when the throughput ratio reaches {@code target} and every measured page had its panel. */
    Row row(String measurement, double target) {
        return new Row(measurement + " (" + load + ")", baseline.describe(), measured.describe(),
                String.format("%s (rounds %.3f–%.3f×, totals %.3f×)", Benchmarks.times(ratio()), roundRatios[0],
                        roundRatios[roundRatios.length - 1], measured.perSecond() / baseline.perSecond()),
                String.format("≥ %.2f×", target),
                Report.verdict(ratio() >= target && measured.failures == 0 && measured.panels == measured.views));
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

    /** One page's rounds added up. */
    private static final class Side {
        final URI uri;
        long views;
        long panels;
        long failures;
        long nanos;
        long allocated;
        double lastRound;

        Side(URI uri) {
            this.uri = uri;
        }

        void add(Result result, long allocatedBytes) {
            views += result.views();
            panels += result.panels();
            failures += result.failures();
            nanos += result.nanos();
            allocated += allocatedBytes;
        }

        double perSecond() {
            return views * 1e9 / nanos;
        }

        double bytesPerView() {
            return (double) allocated / views;
        }

        String describe() {
            return String.format("%,.0f pages/s, %d%% with panel%s", perSecond(), Math.round(100.0 * panels / views),
                    failures == 0 ? "" : ", " + failures + " failed");
        }
    }
}
