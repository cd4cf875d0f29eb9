package com.smsbat.chathub.internal.injection;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyEndScannerTest {

    private static final String MARKUP = RandomPages.MARKUP;
    private static final int MAX_AFTER = BodyEndScanner.MAX_HELD_AFTER_MARKER;

    /** Collects what the scanner passes on, writes the markup where it asks if willing, and counts the asks. */
    private static final class Host implements BodyEndScanner.Downstream {
        private final ByteArrayOutputStream bytes;
        private final StringWriter chars;
        private final boolean willing;
        int asked;

        Host(ByteArrayOutputStream bytes, StringWriter chars, boolean willing) {
            this.bytes = bytes;
            this.chars = chars;
            this.willing = willing;
        }

        /** A scanner of bytes when this host collects bytes, else of chars. */
        BodyEndScanner scanner() {
            return new BodyEndScanner(this, bytes != null);
        }

        @Override
        public void write(Object units, int from, int to) {
            if (units instanceof byte[] array) {
                bytes.write(array, from, to - from);
            } else if (units instanceof char[] array) {
                chars.write(array, from, to - from);
            } else {
                chars.write((String) units, from, to - from);
            }
        }

        @Override
        public boolean insertMarkup() {
            asked++;
            if (willing) {
                if (bytes != null) {
                    bytes.writeBytes(MARKUP.getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    chars.write(MARKUP);
                }
            }
            return willing;
        }
    }

    private final ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
    private final BodyEndScanner bytes = new Host(bytesOut, null, true).scanner();
    private final StringWriter charsOut = new StringWriter();
    private final Host charHost = new Host(null, charsOut, true);
    private final BodyEndScanner chars = charHost.scanner();

    @Test
    void randomPagesAreRichInRealBodyEndsAndInOnesThatAreText() {
        int injected = 0;
        for (int seed = 0; seed < 500; seed++) {
            String page = RandomPages.page(new Random(seed));
            injected += RandomPages.expected(page, MARKUP).equals(page) ? 0 : 1;
        }
        // The pages below are compared with the same page scanned in one write: that says something only if many
        // get the markup and many do not.
        assertTrue(injected > 150 && injected < 450, injected + " of 500 pages get the markup");
    }

    @Test
    void randomPagesWrittenAsBytesInRandomChunksGetTheMarkupOnceBeforeTheLastBodyEnd() throws IOException {
        for (int seed = 0; seed < 500; seed++) {
            Random random = new Random(seed);
            byte[] page = RandomPages.page(random).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Host host = new Host(out, null, true);
            BodyEndScanner scanner = host.scanner();
            int offset = 0;
            for (int size : RandomPages.chunkSizes(random, page.length)) {
                scanner.write(page, offset, offset + size);
                offset += size;
            }
            scanner.finish();

            String units = new String(page, StandardCharsets.ISO_8859_1);
            assertEquals(RandomPages.expected(units, MARKUP), out.toString(StandardCharsets.ISO_8859_1), "seed " + seed);
            assertTrue(host.asked <= 1, "seed " + seed);
        }
    }

    @Test
    void randomPagesWrittenAsCharsAndStringsInRandomChunksGetTheMarkupOnceBeforeTheLastBodyEnd() throws IOException {
        for (int seed = 0; seed < 500; seed++) {
            Random random = new Random(seed);
            String page = RandomPages.page(random);
            char[] pageChars = page.toCharArray();
            StringWriter out = new StringWriter();
            Host host = new Host(null, out, true);
            BodyEndScanner scanner = host.scanner();
            int offset = 0;
            for (int size : RandomPages.chunkSizes(random, page.length())) {
                scanner.write(random.nextBoolean() ? page : pageChars, offset, offset + size);
                offset += size;
            }
            scanner.finish();

            assertEquals(RandomPages.expected(page, MARKUP), out.toString(), "seed " + seed);
            assertTrue(host.asked <= 1, "seed " + seed);
        }
    }

    @Test
    void heldUnitsNeverExceedTheBoundWhateverThePageSize() throws IOException {
        long[] downstream = new long[1];
        BodyEndScanner scanner = new BodyEndScanner(new BodyEndScanner.Downstream() {
            @Override
            public void write(Object units, int from, int to) {
                downstream[0] += to - from;
            }

            @Override
            public boolean insertMarkup() {
                return true;
            }
        }, true);
        Random random = new Random(42);
        long written = 0;
        for (int i = 0; i < 400; i++) {
            byte[] chunk = RandomPages.page(random).getBytes(StandardCharsets.UTF_8);
            scanner.write(chunk, 0, chunk.length);
            written += chunk.length;
            long held = written - downstream[0];
            assertTrue(held <= BodyEndScanner.MAX_HELD, "held " + held + " after " + written);
        }
        assertTrue(written > 10 * BodyEndScanner.MAX_HELD, "the page must dwarf the bound");
    }

    @Test
    void markerFollowedByExactlyTheBoundStillGetsTheMarkup() throws IOException {
        String page = "<p>a</p></body>" + "y".repeat(MAX_AFTER);

        writeInPieces(page, 1000);
        chars.finish();

        assertEquals("<p>a</p>" + MARKUP + "</body>" + "y".repeat(MAX_AFTER), charsOut.toString());
    }

    @Test
    void markerFollowedByMoreThanTheBoundIsReleasedWithoutMarkup() throws IOException {
        String page = "<p>a</p></body>" + "y".repeat(MAX_AFTER + 1);

        writeInPieces(page, 1000);
        chars.finish();

        assertEquals(page, charsOut.toString());
        assertEquals(0, charHost.asked);
    }

    @Test
    void markerFarBeyondAReleasedOneStillGetsTheMarkup() throws IOException {
        String page = "<script>s='</body>'</script>" + "z".repeat(3 * MAX_AFTER) + "</body></html>";

        writeInPieces(page, 777);
        chars.finish();

        assertEquals(page.replace("z</body>", "z" + MARKUP + "</body>"), charsOut.toString());
    }

    @Test
    void flushWhileABodyEndIsHeldInsertsTheMarkupThereAndReleasesEverything() throws IOException {
        chars.write("<p>a</p></body></ht", 0, 19);

        chars.flush();

        assertEquals("<p>a</p>" + MARKUP + "</body></ht", charsOut.toString());
        chars.write("ml></body>", 0, 10);
        chars.finish();
        assertEquals("<p>a</p>" + MARKUP + "</body></html></body>", charsOut.toString());
    }

    @Test
    void flushKeepsBackOnlyWhatMayStartAMarker() throws IOException {
        chars.write("<p>a</p></bo", 0, 12);

        chars.flush();

        assertEquals("<p>a</p>", charsOut.toString());
        assertEquals(0, charHost.asked);
    }

    @Test
    void endOfAnAsynchronousWriteLeavesNothingHeld() throws IOException {
        chars.write("<p>a</p></bo", 0, 12);
        chars.endOfWrite();
        assertEquals("<p>a</p></bo", charsOut.toString());

        chars.write("dy><p>b</p></body>\n", 0, 19);
        chars.endOfWrite();

        assertEquals("<p>a</p></body><p>b</p>" + MARKUP + "</body>\n", charsOut.toString());
    }

    @Test
    void declinedMarkupLeavesThePageAsWrittenAndIsNotAskedAgain() throws IOException {
        StringWriter out = new StringWriter();
        Host unwilling = new Host(null, out, false);
        BodyEndScanner scanner = unwilling.scanner();
        String page = "<body>a</body>\n<body>b</body>";

        scanner.write(page, 0, 16);
        scanner.flush();
        scanner.write(page, 16, page.length());
        scanner.finish();

        assertEquals(page, out.toString());
        assertEquals(1, unwilling.asked);
    }

    @Test
    void resetForgetsWhatWasHeld() throws IOException {
        chars.write("<p>old</p></body></html>", 0, 24);
        assertEquals("<p>old</p>", charsOut.toString());

        chars.reset();
        chars.write("<p>new</p></BODY>", 0, 17);
        chars.finish();

        assertEquals("<p>old</p><p>new</p>" + MARKUP + "</BODY>", charsOut.toString());
    }

    @Test
    void bytesOfMultiByteCharactersAroundTheMarkerPassIntact() throws IOException {
        byte[] page = "<p>Привет</p></body>世界".getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < page.length; i++) {
            bytes.write(page, i, i + 1);
        }
        bytes.finish();

        assertEquals("<p>Привет</p>" + MARKUP + "</body>世界", bytesOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bodyEndInsideAnAttributeValueIsNotThePagesEnd() throws IOException {
        String page = "<p><img src='https://evil.example/?</body>'><a title=\"</BODY>\" href=x</body>>a</a></p>";

        assertEquals(page, scannedInEveryWay(page));
    }

    @Test
    void realBodyEndAfterOneInAnAttributeGetsTheMarkup() throws IOException {
        String page = "<img src='?</body>'></body>";

        assertEquals("<img src='?</body>'>" + MARKUP + "</body>", scannedInEveryWay(page));
    }

    @Test
    void bodyEndInsideCommentsIsNotThePagesEnd() throws IOException {
        String page = "<p>a</p></body><!-- </body> --><!-- x --!></body -->";

        assertEquals("<p>a</p>" + MARKUP + "</body><!-- </body> --><!-- x --!></body -->", scannedInEveryWay(page));
    }

    @Test
    void bodyEndInsideALateInlineScriptLeavesTheScriptIntact() throws IOException {
        String page = "<p>a</p></body><script>document.write('</body>');</script>\n";

        assertEquals("<p>a</p>" + MARKUP + "</body><script>document.write('</body>');</script>\n", scannedInEveryWay(page));
    }

    @Test
    void bodyEndInsideAnEscapedScriptWithAnInnerScriptTagIsText() throws IOException {
        // Inside <!--, a <script>'s </script> does not end the outer script: the </body> after it is still script.
        String page = "</body><script><!--<script>x</script></body></script>-->;</script>";

        assertEquals(MARKUP + page, scannedInEveryWay(page));
    }

    @Test
    void bodyEndInsideRawTextAndRcdataElementsIsText() throws IOException {
        String page = "</body><style>a::after{content:'</body>'}</style><textarea></body></TEXTAREA >"
                + "<title></body></title/><noscript></body></noscript>";

        assertEquals(MARKUP + page, scannedInEveryWay(page));
    }

    @Test
    void nothingAfterPlaintextIsMarkup() throws IOException {
        String page = "<plaintext></plaintext></body>";

        assertEquals(page, scannedInEveryWay(page));
    }

    @Test
    void endTagsOfOtherElementsDoNotEndAScript() throws IOException {
        String page = "<script>a='</scripts></style></body>'</script></body>";

        assertEquals("<script>a='</scripts></style></body>'</script>" + MARKUP + "</body>", scannedInEveryWay(page));
    }

    /**
     * The page scanned in one write, and one unit at a time as chars, strings and bytes: all the same, which is
     * returned.
     */
    private static String scannedInEveryWay(String page) throws IOException {
        String whole = RandomPages.expected(page, MARKUP);
        StringWriter out = new StringWriter();
        BodyEndScanner singleChars = new Host(null, out, true).scanner();
        ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
        BodyEndScanner singleBytes = new Host(bytesOut, null, true).scanner();
        byte[] pageBytes = page.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < page.length(); i++) {
            singleChars.write(i % 2 == 0 ? page : page.toCharArray(), i, i + 1);
            singleBytes.write(pageBytes, i, i + 1);
        }
        singleChars.finish();
        singleBytes.finish();
        assertEquals(whole, out.toString(), "one char at a time");
        assertEquals(whole, bytesOut.toString(StandardCharsets.ISO_8859_1), "one byte at a time");
        return whole;
    }

    private void writeInPieces(String page, int size) throws IOException {
        for (int offset = 0; offset < page.length(); offset += size) {
            chars.write(page, offset, Math.min(offset + size, page.length()));
        }
    }
}
