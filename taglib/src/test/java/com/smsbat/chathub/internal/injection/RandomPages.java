package com.smsbat.chathub.internal.injection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Random HTML-ish pages rich in near-misses of {@code </body>}, random ways to cut them into writes, and the
 * reference answer for where the markup goes. Public for the container tests that write such pages through a
 * real filter.
 */
public final class RandomPages {

    public static final String MARKUP = "<script type=\"module\" id=\"operator-chat-panel-script\" "
            + "src=\"https://widget.example/widget-script.js\" token=\"aaa.bbb.ccc\"></script>";

    private static final String[] PIECES = {
        "<", "</", "</b", "</bo", "</bod", "</body", "</body>", "</BODY>", "</Body>", "<body>", "</bodyx", "<</body>",
        "</ body>", "</b>", "text ", "\n", "ü", "Привет", "世界", "<div>", "</div>", "<!-- </body> -->",
        "<script>var s = '</body>';</script>", "</html>", "<img src='?</body>'>", "<a title=\"</body>\">",
        "<a href=x</body>", "'", "\"", "=", ">", "<textarea></body></textarea>", "<TITLE></body></title>",
        "<style>p{}</body></style>", "<script><!--<script></body></script>--></script>", "<!--></body>", "<!-->",
        "<script>", "</script>", "<!-- a --!>", "<?x </body>?>", "<!DOCTYPE html>", "<div class=a>", "-->",
    };

    private RandomPages() {
    }

    /** A page of random pieces, now and then with a run of text near the hold-back bound. */
    public static String page(Random random) {
        StringBuilder page = new StringBuilder();
        int pieces = random.nextInt(80);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(30) == 0) {
                int length = BodyEndScanner.MAX_HELD_AFTER_MARKER - 40 + random.nextInt(80);
                page.append(random.nextBoolean() ? "x".repeat(length) : "é".repeat(length));
            } else {
                page.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return page.toString();
    }

    /** Sizes of consecutive writes covering {@code length} units: single units, small pieces and large ones. */
    public static int[] chunkSizes(Random random, int length) {
        int[] sizes = new int[Math.max(length, 1)];
        int count = 0;
        for (int written = 0; written < length; count++) {
            int size = switch (random.nextInt(4)) {
                case 0 -> 1;
                case 1 -> 1 + random.nextInt(8);
                case 2 -> 1 + random.nextInt(200);
                default -> 1 + random.nextInt(20_000);
            };
            sizes[count] = Math.min(size, length - written);
            written += sizes[count];
        }
        return Arrays.copyOf(sizes, count);
    }

    /**
     * How to write one random page: through the stream (UTF-8 bytes) or the writer, in these chunks, each by
     * the plain or the alternative call ({@code write(int)} for one byte, a char array instead of a string).
     */
    public record WritePlan(String page, boolean stream, int[] chunks, boolean[] alternative) {

        public static WritePlan of(long seed) {
            Random random = new Random(seed);
            String page = RandomPages.page(random);
            boolean stream = random.nextBoolean();
            int[] chunks = chunkSizes(random, stream ? page.getBytes(StandardCharsets.UTF_8).length : page.length());
            boolean[] alternative = new boolean[chunks.length];
            for (int i = 0; i < chunks.length; i++) {
                alternative[i] = random.nextBoolean();
            }
            return new WritePlan(page, stream, chunks, alternative);
        }

        public byte[] expectedBody(String markup) {
            if (stream) {
                String units = new String(page.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                return expected(units, markup).getBytes(StandardCharsets.ISO_8859_1);
            }
            return expected(page, markup).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The page with the markup before its last real {@code </body>}, or unchanged when there is none or more than
     * the hold-back bound follows it: what the scanner makes of the page in one write, for comparing with the same
     * page cut into writes anywhere. Units are chars, or bytes seen as ISO-8859-1 chars.
     */
    public static String expected(String units, String markup) {
        StringBuilder out = new StringBuilder(units.length() + markup.length());
        BodyEndScanner scanner = new BodyEndScanner(new BodyEndScanner.Downstream() {
            @Override
            public void write(Object written, int from, int to) {
                if (written instanceof String text) {
                    out.append(text, from, to);
                } else {
                    out.append((char[]) written, from, to - from);
                }
            }

            @Override
            public boolean insertMarkup() {
                out.append(markup);
                return true;
            }
        }, false);
        try {
            scanner.write(units, 0, units.length());
            scanner.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
