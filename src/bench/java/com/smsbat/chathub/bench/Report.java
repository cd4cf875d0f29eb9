package com.smsbat.chathub.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The run's figures: a Markdown table of results against their baselines and targets, and a PNG of charts. */
final class Report {

    /** One figure; {@code verdict} is {@code met}, {@code missed}, or {@code –} where there is no target. */
    record Row(String measurement, String baseline, String result, String ratio, String target, String verdict) {
    }

    /** One horizontal bar; {@code target} (or {@code NaN}) is marked on the bar's row. */
    record Bar(String label, double value, String text, double target) {
    }

    record Chart(String title, boolean logScale, List<Bar> bars) {
    }

    private static final int CHART_WIDTH = 640;
    private static final int ROW_HEIGHT = 36;
    /** Title above the bars, axis labels below. */
    private static final int CHART_MARGINS = 90;
    private static final int LABEL_WIDTH = 250;
    private static final Color BAR = new Color(0x3b6ea5);
    private static final Color TARGET = new Color(0xc0392b);

    private final List<Row> rows = new ArrayList<>();
    private final List<Chart> charts = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.println("  " + row.measurement() + ": " + row.result() + " (baseline " + row.baseline()
                + ", ratio " + row.ratio() + ", target " + row.target() + ": " + row.verdict() + ")");
    }

    void add(Chart chart) {
        charts.add(chart);
    }

    static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    String markdown() {
        StringBuilder table = new StringBuilder("| measurement | baseline | result | ratio | target | |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(String.join(" | ", row.measurement(), row.baseline(), row.result(), row.ratio(),
                    row.target(), row.verdict())).append(" |\n");
        }
        return table.toString();
    }

    /** The charts two by two, with {@code caption} underneath. */
    void writePng(Path file, String caption) throws IOException {
        int columns = 2;
        int[] tops = new int[charts.size()];
        int height = 0;
        for (int i = 0; i < charts.size(); i += columns) {
            int tallest = 0;
            for (int j = i; j < Math.min(i + columns, charts.size()); j++) {
                tops[j] = height;
                tallest = Math.max(tallest, CHART_MARGINS + ROW_HEIGHT * charts.get(j).bars().size());
            }
            height += tallest;
        }
        BufferedImage image = new BufferedImage(columns * CHART_WIDTH, height + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            draw(g, charts.get(i), (i % columns) * CHART_WIDTH, tops[i]);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(caption, 12, image.getHeight() - 10);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Chart chart, int left, int top) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(chart.title(), left + 12, top + 24);
        int plotLeft = left + LABEL_WIDTH;
        int plotWidth = CHART_WIDTH - LABEL_WIDTH - 90;
        int plotTop = top + 44;
        double max = chart.bars().stream().mapToDouble(b -> Math.max(b.value(), b.target() >= 0 ? b.target() : 0)).max().orElse(1);
        double min = chart.bars().stream().mapToDouble(Bar::value).filter(v -> v > 0).min().orElse(1);
        Scale scale = chart.logScale()
                ? new Scale(Math.floor(Math.log10(min / 2)), Math.ceil(Math.log10(max)), true)
                : new Scale(0, max * 1.1, false);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int plotBottom = plotTop + ROW_HEIGHT * chart.bars().size();
        for (double tick : scale.ticks()) {
            int x = plotLeft + (int) (scale.position(tick) * plotWidth);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, plotTop, x, plotBottom);
            g.setColor(Color.GRAY);
            g.drawString(format(tick), x - 10, plotBottom + 14);
        }
        for (int i = 0; i < chart.bars().size(); i++) {
            Bar bar = chart.bars().get(i);
            int y = plotTop + i * ROW_HEIGHT;
            g.setColor(Color.BLACK);
            g.drawString(bar.label(), left + 12, y + ROW_HEIGHT / 2 + 4);
            int width = (int) Math.max(1, scale.position(bar.value()) * plotWidth);
            g.setColor(BAR);
            g.fillRect(plotLeft, y + 6, width, ROW_HEIGHT - 12);
            int textX = plotLeft + width + 4;
            if (bar.target() >= 0) {
                int x = plotLeft + (int) (scale.position(bar.target()) * plotWidth);
                g.setColor(TARGET);
                g.setStroke(new BasicStroke(2.5f));
                g.drawLine(x, y + 2, x, y + ROW_HEIGHT - 2);
                g.setStroke(new BasicStroke(1));
                textX = Math.max(textX, x + 5);
            }
            g.setColor(Color.BLACK);
            g.drawString(bar.text(), textX, y + ROW_HEIGHT / 2 + 4);
        }
        g.setColor(TARGET);
        g.drawString("| target", plotLeft + plotWidth - 30, top + 24);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format("%,.0f", value) : String.format("%.2f", value);
    }

    /** Log scales work in decades ({@code from}/{@code to} are exponents); linear ones in values. */
    private record Scale(double from, double to, boolean log) {

        double position(double value) {
            double v = log ? Math.log10(Math.max(value, Math.pow(10, from))) : value;
            return Math.max(0, Math.min(1, (v - from) / (to - from)));
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double exponent = from; exponent <= to; exponent++) {
                    ticks.add(Math.pow(10, exponent));
                }
            } else {
                double step = niceStep(to / 5);
                for (double tick = 0; tick <= to; tick += step) {
                    ticks.add(tick);
                }
            }
            return ticks;
        }

        private static double niceStep(double rough) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double fraction = rough / magnitude;
            return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        }
    }
}
