package com.smsbat.chathub.taglib;

import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static com.smsbat.chathub.taglib.InjectionWebapp.MARKUP;
import static com.smsbat.chathub.taglib.InjectionWebapp.register;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injection into real responses of a real container, checked byte for byte over HTTP. */
class InjectContainerTest {

    private static final String HTML = "text/html;charset=UTF-8";
    /** Non-Latin text right before and right after the marker. */
    private static final String BEFORE_END = "<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body>\n"
            + "<p>Привет, 世界 — ünïcödé</p>Ж";
    private static final String END = "</body><!-- конец 終わり -->\n</html>\n";
    private static final String PAGE = BEFORE_END + END;
    private static final String INJECTED = BEFORE_END + MARKUP + END;
    private static final String STATIC_PAGE = "<!DOCTYPE html>\n<html><body>\n<p>static</p>\n</body>\n</html>\n";
    private static final String STATIC_CSS = "/* not a page: </body> */\nbody { margin: 0; }\n";
    private static final String JSP_PAGE = "<!DOCTYPE html>\n<html><body>\n<p>JSP — Привет</p>\n</body>\n</html>\n";

    private static TestContainer container;
    private static final TestHttp HTTP = TestHttp.anonymous();

    @BeforeAll
    static void start() {
        container = TestContainer.start(InjectionWebapp.create()
                .file("page.jsp", "<%@ page contentType=\"text/html;charset=UTF-8\" %>" + JSP_PAGE)
                .file("layout.jsp", "<%@ page contentType=\"text/html;charset=UTF-8\" %><html><body>\n<p>layout</p>\n"
                        + "<jsp:include page=\"/footer.jsp\"/><!-- after footer -->")
                .file("footer.jsp", "<p>footer</p>\n</body>\n</html>\n")
                .file("static.html", STATIC_PAGE)
                .file("static.css", STATIC_CSS));
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void jspPageGetsTheMarkupBeforeItsBodyEnd() {
        HttpResponse<byte[]> response = get("/page.jsp");

        assertBody(JSP_PAGE.replace("</body>", MARKUP + "</body>"), response);
    }

    @Test
    void servletPageWrittenThroughTheWriterGetsTheMarkup() {
        register("writer", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        assertBody(INJECTED, get("/s/writer"));
    }

    @Test
    void servletPageWrittenThroughTheStreamAndClosedGetsTheMarkup() {
        register("stream", (request, response) -> {
            response.setContentType(HTML);
            ServletOutputStream out = response.getOutputStream();
            out.write(PAGE.getBytes(UTF_8));
            out.close();
        });

        assertBody(INJECTED, get("/s/stream"));
    }

    @Test
    void injectedPageSaysSoAndIsPrivate() {
        register("headers", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/s/headers");

        assertEquals(Optional.of("1"), response.headers().firstValue("X-ChatHub-Injected"));
        assertEquals(Optional.of("private"), response.headers().firstValue("Cache-Control"));
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Surrogate-Control"));
        assertEquals(Optional.of("no-store"), response.headers().firstValue("CDN-Cache-Control"));
    }

    @Test
    void applicationsOwnCacheDirectivesAreKeptAndMadePrivate() {
        register("max-age", (request, response) -> {
            response.setContentType(HTML);
            response.setHeader("Cache-Control", "max-age=60");
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/s/max-age");

        assertBody(INJECTED, response);
        assertEquals(List.of("max-age=60, private"), response.headers().allValues("Cache-Control"));
        assertEquals(Optional.of("no-store"), response.headers().firstValue("CDN-Cache-Control"));
    }

    @Test
    void downloadIsLeftAlone() {
        register("attachment", (request, response) -> {
            response.setContentType(HTML);
            response.setHeader("Content-Disposition", "attachment; filename=\"mail.html\"");
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/s/attachment");

        assertBody(PAGE, response);
        assertNotMarked(response);
    }

    @Test
    void pageWithASandboxingContentSecurityPolicyIsLeftAlone() {
        register("sandboxed", (request, response) -> {
            response.setContentType(HTML);
            response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox allow-scripts");
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/s/sandboxed");

        assertBody(PAGE, response);
        assertNotMarked(response);
    }

    @Test
    void bodyEndInsideAnAttributeValueGetsNoMarkup() {
        String page = "<html><body><p>mail</p><img src='https://evil.example/collect?</body>'>";
        register("in-attribute", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(page);
        });

        HttpResponse<byte[]> response = get("/s/in-attribute");

        assertBody(page, response);
    }

    @Test
    void bodyEndInsideALateInlineScriptLeavesTheScriptWhole() {
        String beforeEnd = "<html><body><p>a</p>";
        String afterEnd = "</body><script>document.title = '</body>';</script></html>";
        register("late-script", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(beforeEnd + afterEnd);
        });

        assertBody(beforeEnd + MARKUP + afterEnd, get("/s/late-script"));
    }

    @Test
    void bodyEndInACommentOrTextareaSplitAcrossJspSizedWritesGetsNoMarkup() {
        String filler = "<p>row</p>\n".repeat(900);
        String page = "<html><body>" + filler + "<textarea></body></textarea><!-- " + filler + "</body> -->";
        register("split-comment", (request, response) -> {
            response.setContentType(HTML);
            PrintWriter out = response.getWriter();
            for (int offset = 0; offset < page.length(); offset += 8192) {
                out.write(page, offset, Math.min(8192, page.length() - offset));
            }
        });

        assertBody(page, get("/s/split-comment"));
    }

    @Test
    void pageWrittenOneByteAtATimeGetsTheMarkup() {
        register("bytes", (request, response) -> {
            response.setContentType(HTML);
            ServletOutputStream out = response.getOutputStream();
            for (byte b : PAGE.getBytes(UTF_8)) {
                out.write(b);
            }
        });

        assertBody(INJECTED, get("/s/bytes"));
    }

    @Test
    void pageWrittenOneCharAtATimeGetsTheMarkup() {
        register("chars", (request, response) -> {
            response.setContentType(HTML);
            PrintWriter out = response.getWriter();
            for (char c : PAGE.toCharArray()) {
                out.print(c);
            }
        });

        assertBody(INJECTED, get("/s/chars"));
    }

    @Test
    void bodyEndIsFoundWhereverTwoWritesCutThePage() {
        registerCutPage();
        int chars = PAGE.length();
        int bytes = PAGE.getBytes(UTF_8).length;

        for (int cut = 1; cut < chars; cut++) {
            assertBody(INJECTED, get("/s/cut?api=writer&cuts=" + cut), "writer cut at " + cut);
        }
        for (int cut = 1; cut < bytes; cut++) {
            assertBody(INJECTED, get("/s/cut?api=stream&cuts=" + cut), "stream cut at " + cut);
        }
    }

    @Test
    void bodyEndIsFoundWhereverThreeWritesCutIt() {
        registerCutPage();
        int start = PAGE.indexOf("</body>");
        int byteStart = BEFORE_END.getBytes(UTF_8).length;

        for (int first = start - 2; first <= start + 8; first++) {
            for (int second = first + 1; second <= start + 9; second++) {
                assertBody(INJECTED, get("/s/cut?api=writer&cuts=" + first + "," + second), "writer cuts " + first + "," + second);
                int firstByte = byteStart + first - start;
                int secondByte = byteStart + second - start;
                assertBody(INJECTED, get("/s/cut?api=stream&cuts=" + firstByte + "," + secondByte),
                        "stream cuts " + firstByte + "," + secondByte);
            }
        }
    }

    @Test
    void earlyFlushBeforeTheBodyEndStillGetsTheMarkupAndKeepsThePagePrivate() {
        register("early-flush", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(BEFORE_END);
            response.flushBuffer();
            response.getWriter().write(END);
        });

        HttpResponse<byte[]> response = get("/s/early-flush");

        assertBody(INJECTED, response);
        assertEquals(Optional.of("private"), response.headers().firstValue("Cache-Control"));
    }

    @Test
    void pageLongerThanTheArmingPointThatGetsNoMarkupDoesNotSayItWasInjected() {
        String filler = "<p>line of text</p>\n".repeat(500);
        register("long-no-markup", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(BEFORE_END + filler + END);
        });

        HttpResponse<byte[]> response = get("/s/long-no-markup?nomarkup");

        assertBody(BEFORE_END + filler + END, response);
        assertEquals(Optional.empty(), response.headers().firstValue("X-ChatHub-Injected"));
    }

    @Test
    void flushRightAfterTheBodyEndInsertsTheMarkupThere() {
        register("flush-after", (request, response) -> {
            response.setContentType(HTML);
            PrintWriter out = response.getWriter();
            out.write(BEFORE_END + "</body>");
            out.flush();
            out.write(END.substring("</body>".length()));
        });

        assertBody(INJECTED, get("/s/flush-after"));
    }

    @Test
    void contentLengthSetBeforeTheContentTypeIsNotLeftStale() {
        byte[] page = PAGE.getBytes(UTF_8);
        register("length-first", (request, response) -> {
            response.setContentLength(page.length);
            response.setContentType(HTML);
            response.getOutputStream().write(page);
        });

        HttpResponse<byte[]> response = get("/s/length-first");

        assertBody(INJECTED, response);
        assertLengthMatchesBody(response);
    }

    @Test
    void contentLengthSetAfterTheContentTypeIsNotLeftStale() {
        byte[] page = PAGE.getBytes(UTF_8);
        register("length-after", (request, response) -> {
            response.setContentType(HTML);
            response.setHeader("Content-Length", Integer.toString(page.length));
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/s/length-after");

        assertBody(INJECTED, response);
        assertLengthMatchesBody(response);
    }

    @Test
    void contentLengthOfAResponseLeftAloneIsKept() {
        byte[] json = "{\"html\":\"</body>\"}".getBytes(UTF_8);
        register("json-length", (request, response) -> {
            response.setContentLength(json.length);
            response.setContentType("application/json");
            response.getOutputStream().write(json);
        });

        HttpResponse<byte[]> response = get("/s/json-length");

        assertArrayEquals(json, response.body());
        assertEquals(Optional.of(Long.toString(json.length)), response.headers().firstValue("Content-Length"));
    }

    @Test
    void smallHtmlWithoutBodyEndKeepsItsContentLengthAndHeaders() {
        byte[] fragment = "<div>fragment</div>".getBytes(UTF_8);
        register("fragment", (request, response) -> {
            response.setContentType(HTML);
            response.setContentLength(fragment.length);
            response.getOutputStream().write(fragment);
        });

        HttpResponse<byte[]> response = get("/s/fragment");

        assertArrayEquals(fragment, response.body());
        assertEquals(Optional.of(Long.toString(fragment.length)), response.headers().firstValue("Content-Length"));
        assertNotMarked(response);
    }

    @Test
    void forwardedRequestGetsTheMarkupOnce() {
        register("forward", (request, response) -> request.getRequestDispatcher("/layout.jsp").forward(request, response));

        assertBody("<html><body>\n<p>layout</p>\n<p>footer</p>\n" + MARKUP + "</body>\n</html>\n<!-- after footer -->",
                get("/s/forward"));
    }

    @Test
    void includedFooterGetsTheMarkupOnce() {
        register("include", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write("<html><body>\n<p>servlet</p>\n");
            request.getRequestDispatcher("/footer.jsp").include(request, response);
            response.getWriter().write("<!-- after include -->");
        });

        assertBody("<html><body>\n<p>servlet</p>\n<p>footer</p>\n" + MARKUP + "</body>\n</html>\n<!-- after include -->",
                get("/s/include"));
    }

    @Test
    void asyncPageCompletedFromAnotherThreadGetsTheMarkup() {
        register("async", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(BEFORE_END);
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    async.getResponse().getWriter().write(END);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            });
        });

        assertBody(INJECTED, get("/s/async"));
    }

    @Test
    void bodyEndWrittenBeforeAnAsyncCompletionGetsTheMarkup() {
        register("async-held", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
            AsyncContext async = request.startAsync();
            async.start(async::complete);
        });

        assertBody(INJECTED, get("/s/async-held"));
    }

    @Test
    void asyncDispatchToAJspGetsTheMarkup() {
        register("async-dispatch", (request, response) -> {
            AsyncContext async = request.startAsync();
            async.start(() -> async.dispatch("/page.jsp"));
        });

        assertBody(JSP_PAGE.replace("</body>", MARKUP + "</body>"), get("/s/async-dispatch"));
    }

    @Test
    void nonBlockingOutputPassesThroughUntouched() {
        byte[] page = PAGE.getBytes(UTF_8);
        register("non-blocking", (request, response) -> {
            response.setContentType(HTML);
            AsyncContext async = request.startAsync();
            ServletOutputStream out = response.getOutputStream();
            out.setWriteListener(new WriteListener() {
                private int written;

                @Override
                public void onWritePossible() throws IOException {
                    while (out.isReady()) {
                        if (written == page.length) {
                            async.complete();
                            return;
                        }
                        int size = Math.min(7, page.length - written);
                        out.write(page, written, size);
                        written += size;
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    async.complete();
                }
            });
        });

        HttpResponse<byte[]> response = get("/s/non-blocking");

        assertBody(PAGE, response);
        assertNotMarked(response);
    }

    @Test
    void headRequestIsLeftAlone() {
        register("head", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = HTTP.sendForBytes(HTTP.request(container.uri("/s/head"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, response.statusCode());
        assertNotMarked(response);
        assertEquals(Optional.of(Integer.toString(PAGE.getBytes(UTF_8).length)), response.headers().firstValue("Content-Length"));
    }

    @Test
    void redirectIsLeftAlone() {
        register("redirect", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(BEFORE_END + "</body>");
            response.sendRedirect("elsewhere");
        });

        HttpResponse<byte[]> response = get("/s/redirect");

        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith("elsewhere"));
        assertNotMarked(response);
        assertFalse(new String(response.body(), UTF_8).contains(MARKUP));
    }

    @Test
    void errorIsLeftAlone() {
        register("error", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(BEFORE_END);
            response.sendError(404, "gone");
        });

        HttpResponse<byte[]> response = get("/s/error");

        assertEquals(404, response.statusCode());
        assertEquals(Optional.empty(), response.headers().firstValue("X-ChatHub-Injected"));
        assertFalse(new String(response.body(), UTF_8).contains(MARKUP));
    }

    @Test
    void htmlWithAnotherStatusIsLeftAlone() {
        register("not-found", (request, response) -> {
            response.setStatus(404);
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/s/not-found");

        assertEquals(404, response.statusCode());
        assertBody(PAGE, response);
        assertNotMarked(response);
    }

    @Test
    void jsonIsLeftAloneAndTheMarkupIsNeverAskedFor() {
        String json = "{\"page\":\"<html><body></body></html>\"}";
        register("json", (request, response) -> {
            response.setContentType("application/json");
            response.getWriter().write(json);
        });

        HttpResponse<byte[]> response = get("/s/json");

        assertBody(json, response);
        assertNotMarked(response);
        assertEquals(0, InjectionWebapp.markupCalls("json"));
    }

    @Test
    void binaryIsLeftAlone() {
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        byte[] marker = "</body>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, binary, 1000, marker.length);
        register("binary", (request, response) -> {
            response.setContentType("application/octet-stream");
            response.getOutputStream().write(binary);
        });

        HttpResponse<byte[]> response = get("/s/binary");

        assertArrayEquals(binary, response.body());
        assertNotMarked(response);
    }

    @Test
    void preCompressedHtmlIsLeftAlone() {
        byte[] gzipped = gzip(PAGE.getBytes(UTF_8));
        register("pre-gzipped", (request, response) -> {
            response.setContentType(HTML);
            response.setHeader("Content-Encoding", "gzip");
            response.getOutputStream().write(gzipped);
        });

        HttpResponse<byte[]> response = get("/s/pre-gzipped");

        assertArrayEquals(gzipped, response.body());
        assertNotMarked(response);
    }

    @Test
    void excludedPathIsLeftAlone() {
        register("excluded", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/api/excluded");

        assertBody(PAGE, response);
        assertNotMarked(response);
    }

    @Test
    void excludedExtensionIsLeftAlone() {
        register("report", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        assertBody(PAGE, get("/report.pdf"));
    }

    @Test
    void upperCaseBodyEndGetsTheMarkup() {
        register("upper", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write("<HTML><BODY><P>x</P></BODY></HTML>");
        });

        assertBody("<HTML><BODY><P>x</P>" + MARKUP + "</BODY></HTML>", get("/s/upper"));
    }

    @Test
    void markupGoesBeforeTheLastOfSeveralBodyEnds() {
        String page = "<body><script>w.document.write('</body>')</script>\n</body></html>";
        register("several", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(page);
        });

        assertBody("<body><script>w.document.write('</body>')</script>\n" + MARKUP + "</body></html>", get("/s/several"));
    }

    @Test
    void pageWithoutBodyEndIsLeftAlone() {
        String page = "<html><body><p>never closed</p>";
        register("unclosed", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(page);
        });

        HttpResponse<byte[]> response = get("/s/unclosed");

        assertBody(page, response);
        assertNotMarked(response);
    }

    @Test
    void pageIsLeftAloneWhenTheSupplierHasNoMarkup() {
        register("no-markup", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/s/no-markup?nomarkup");

        assertBody(PAGE, response);
        assertNotMarked(response);
        assertEquals(1, InjectionWebapp.markupCalls("no-markup"));
    }

    @Test
    void responseWithoutContentTypeIsLeftAlone() {
        register("untyped", (request, response) -> response.getOutputStream().write("<p>x</p></body>".getBytes(UTF_8)));

        HttpResponse<byte[]> response = get("/s/untyped");

        assertBody("<p>x</p></body>", response);
        assertNotMarked(response);
    }

    @Test
    void writerTakenBeforeTheTypeIsSetStillGetsTheMarkup() {
        // The writer's encoding is fixed when it is taken: the page keeps to ASCII.
        register("writer-first", (request, response) -> {
            PrintWriter out = response.getWriter();
            response.setContentType("text/html");
            out.write(STATIC_PAGE);
        });

        assertBody(STATIC_PAGE.replace("</body>", MARKUP + "</body>"), get("/s/writer-first"));
    }

    @Test
    void resetForgetsTheFirstAttempt() {
        register("reset", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write("<p>first</p></body></html>");
            response.reset();
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        assertBody(INJECTED, get("/s/reset"));
    }

    @Test
    void largePageCommittedLongBeforeItsBodyEndGetsTheMarkupButCannotSaySo() {
        String filler = "<p>Строка текста, line of text.</p>\n".repeat(5000);
        register("large", (request, response) -> {
            response.setContentType(HTML);
            PrintWriter out = response.getWriter();
            out.write(BEFORE_END);
            for (int offset = 0; offset < filler.length(); offset += 4000) {
                out.write(filler, offset, Math.min(4000, filler.length() - offset));
            }
            out.write(END);
        });

        HttpResponse<byte[]> response = get("/s/large");

        assertBody(BEFORE_END + filler + MARKUP + END, response);
        assertEquals(Optional.of("private"), response.headers().firstValue("Cache-Control"));
        assertEquals(Optional.empty(), response.headers().firstValue("X-ChatHub-Injected"));
    }

    @Test
    void applicationsNoStoreIsKept() {
        register("no-store", (request, response) -> {
            response.setContentType(HTML);
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write(PAGE);
        });

        assertEquals(Optional.of("no-store"), get("/s/no-store").headers().firstValue("Cache-Control"));
    }

    @Test
    void applicationsShareableCacheControlBecomesPrivate() {
        register("public", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(BEFORE_END);
            response.setHeader("Cache-Control", "public, max-age=600");
            response.getWriter().write(END);
        });

        HttpResponse<byte[]> response = get("/s/public");

        assertBody(INJECTED, response);
        assertEquals(List.of("private, max-age=600"), response.headers().allValues("Cache-Control"));
    }

    @Test
    void writerInAWideEncodingGetsTheMarkup() {
        register("utf16-writer", (request, response) -> {
            response.setContentType("text/html;charset=UTF-16BE");
            response.getWriter().write(PAGE);
        });

        assertArrayEquals(INJECTED.getBytes(StandardCharsets.UTF_16BE), get("/s/utf16-writer").body());
    }

    @Test
    void bytesInAWideEncodingAreLeftAlone() {
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_16BE);
        register("utf16-stream", (request, response) -> {
            response.setContentType("text/html;charset=UTF-16BE");
            response.getOutputStream().write(page);
        });

        HttpResponse<byte[]> response = get("/s/utf16-stream");

        assertArrayEquals(page, response.body());
        assertNotMarked(response);
    }

    @Test
    void bytesInASingleByteEncodingGetTheMarkup() {
        String page = "<html><body><p>Привет</p></body></html>";
        register("cp1251-stream", (request, response) -> {
            response.setContentType("text/html;charset=windows-1251");
            response.getOutputStream().write(page.getBytes("windows-1251"));
        });

        byte[] body = get("/s/cp1251-stream").body();

        assertEquals(page.replace("</body>", MARKUP + "</body>"), new String(body, Charset.forName("windows-1251")));
    }

    @Test
    void staticHtmlFileGetsTheMarkup() {
        HttpResponse<byte[]> response = get("/static.html");

        assertBody(STATIC_PAGE.replace("</body>", MARKUP + "</body>"), response);
        assertLengthMatchesBody(response);
    }

    @Test
    void staticStylesheetIsLeftAlone() {
        HttpResponse<byte[]> response = get("/static.css");

        assertBody(STATIC_CSS, response);
        assertLengthMatchesBody(response);
        assertNotMarked(response);
    }

    @Test
    void compressingFilterAroundTheInjectorCompressesTheInjectedPage() {
        register("gzip-around", (request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        });

        HttpResponse<byte[]> response = get("/gzip-outside/gzip-around");

        assertEquals(Optional.of("gzip"), response.headers().firstValue("Content-Encoding"));
        assertEquals(INJECTED, new String(gunzip(response.body()), UTF_8));
    }

    @Test
    void compressionBelowTheInjectorLeavesThePageUntouched() {
        register("gzip-within", InjectionWebapp.compressed((request, response) -> {
            response.setContentType(HTML);
            response.getWriter().write(PAGE);
        }));

        HttpResponse<byte[]> response = get("/s/gzip-within");

        assertEquals(PAGE, new String(gunzip(response.body()), UTF_8));
        assertNotMarked(response);
    }

    /** {@code /s/cut?api=writer|stream&cuts=a,b}: the page written in pieces cut at those char or byte offsets. */
    private static void registerCutPage() {
        register("cut", (request, response) -> {
            response.setContentType(HTML);
            boolean writer = request.getParameter("api").equals("writer");
            byte[] bytes = PAGE.getBytes(UTF_8);
            int length = writer ? PAGE.length() : bytes.length;
            int from = 0;
            String[] cuts = (request.getParameter("cuts") + "," + length).split(",");
            for (String cut : cuts) {
                int to = Integer.parseInt(cut);
                if (writer) {
                    response.getWriter().write(PAGE, from, to - from);
                } else {
                    response.getOutputStream().write(bytes, from, to - from);
                }
                from = to;
            }
        });
    }

    private static HttpResponse<byte[]> get(String path) {
        return HTTP.sendForBytes(HTTP.request(container.uri(path)).GET().build());
    }

    private static void assertBody(String expected, HttpResponse<byte[]> response) {
        assertBody(expected, response, "");
    }

    private static void assertBody(String expected, HttpResponse<byte[]> response, String message) {
        assertEquals(expected, new String(response.body(), UTF_8), message);
        assertArrayEquals(expected.getBytes(UTF_8), response.body(), message);
    }

    private static void assertNotMarked(HttpResponse<byte[]> response) {
        assertEquals(Optional.empty(), response.headers().firstValue("X-ChatHub-Injected"));
        assertEquals(Optional.empty(), response.headers().firstValue("Cache-Control"));
        assertEquals(Optional.empty(), response.headers().firstValue("CDN-Cache-Control"));
    }

    private static void assertLengthMatchesBody(HttpResponse<byte[]> response) {
        assertEquals(Optional.of(Integer.toString(response.body().length)), response.headers().firstValue("Content-Length"));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
