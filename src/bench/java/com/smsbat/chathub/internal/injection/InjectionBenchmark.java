package com.smsbat.chathub.internal.injection;

import com.smsbat.chathub.internal.rendering.WidgetMarkupBenchmark;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.MappingMatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What zero-touch injection adds to one page of {@link #kilobytes} written the way a JSP writes it (its 8 KiB
 * buffer's chars at a time, then the end of the request): {@link #injectedPage()} runs the page through {@link HtmlInjector} with a
 * ready markup, {@link #plainPage()} writes it straight to the same response. The difference is the injector's
 * own work and allocation per page — wrapping, deciding, scanning for {@code </body>}, holding it, inserting —
 * without the panel's rendering, which {@link WidgetMarkupBenchmark} measures. The container is a stand-in with
 * what a response needs for this (status, type, headers, a writer that discards); anything else throws.
 */
@State(Scope.Thread)
public class InjectionBenchmark {

    private static final String MARKUP = "<script type=\"module\" id=\"operator-chat-panel-script\" "
            + "src=\"https://widget.example/widget-script.js\" token=\"aaa.bbb.ccc\"></script>";
    /** What a JSP writer hands on at a time: its buffer. */
    private static final int JSP_BUFFER = 8 * 1024;

    /** About 4 KB (a short list page, one write) or 100 KB (thirteen writes). */
    @Param({"4", "100"})
    public int kilobytes;

    private char[] page;

    private final HtmlInjector injector = new HtmlInjector(List.of());
    private final InjectedRequest request = new InjectedRequest();
    private final PageResponse response = new PageResponse();
    private final FilterChain jsp = (request, response) -> writePage((HttpServletResponse) response);
    private final HtmlInjector.Markup markup = new HtmlInjector.Markup() {
        @Override
        public boolean wanted() {
            return true;
        }

        @Override
        public String get() {
            return MARKUP;
        }
    };

    @Setup
    public void makePage() {
        page = page(kilobytes * 1000).toCharArray();
    }

    @Benchmark
    public long plainPage() throws IOException {
        request.newPage();
        response.newPage();
        writePage(response);
        return response.written;
    }

    @Benchmark
    public long injectedPage() throws IOException, ServletException {
        request.newPage();
        response.newPage();
        injector.filter(request, response, jsp, markup);
        if (response.written != page.length + MARKUP.length()) {
            throw new IllegalStateException("the page did not get the markup");
        }
        return response.written;
    }

    /**
     * The least any exact search for a real {@code </body>} does: look at every unit of the page once, here counting
     * its {@code <}. A floor for {@link #injectedPage()}, whose tokenizer must read every unit to know where in the
     * HTML it is (a {@code <} or a quote can be anywhere), with no shortcut such as skipping ahead.
     */
    @Benchmark
    public int everyUnitOnce() {
        int lessThans = 0;
        for (char unit : page) {
            if (unit == '<') {
                lessThans++;
            }
        }
        return lessThans;
    }

    private void writePage(HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter writer = response.getWriter();
        for (int from = 0; from < page.length; from += JSP_BUFFER) {
            writer.write(page, from, Math.min(JSP_BUFFER, page.length - from));
        }
    }

    /** A back-office list page of about {@code length} chars. */
    private static String page(int length) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<title>Open orders</title><link rel=\"stylesheet\" href=\"/app/static/app.css\"></head>\n<body>\n"
                + "<main><h1>Open orders</h1><table class=\"grid\"><tbody>\n");
        for (int i = 1; page.length() < length - 100; i++) {
            page.append("<tr class=\"").append(i % 2 == 0 ? "even" : "odd").append("\"><td>SO-").append(100_000 + i)
                    .append("</td><td>Customer ").append(i).append(" &amp; Partners &lt;Trading&gt; Ltd.</td>")
                    .append("<td class=\"num\">").append(i * 37 % 1000).append(".50</td></tr>\n");
        }
        return page.append("</tbody></table></main>\n</body>\n</html>\n").toString();
    }

    /** A GET request to a page, as it reaches the filter. */
    static final class InjectedRequest extends WidgetMarkupBenchmark.PageRequest {

        InjectedRequest() {
            super("john", "/app");
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }

        @Override
        public String getServletPath() {
            return "/orders.jsp";
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public HttpServletMapping getHttpServletMapping() {
            return JSP;
        }
    }

    /** How a container maps a request for a JSP. */
    private static final HttpServletMapping JSP = new HttpServletMapping() {
        @Override
        public String getMatchValue() {
            return "orders";
        }

        @Override
        public String getPattern() {
            return "*.jsp";
        }

        @Override
        public String getServletName() {
            return "jsp";
        }

        @Override
        public MappingMatch getMappingMatch() {
            return MappingMatch.EXTENSION;
        }
    };

    /** A container's response before it commits, whose writer counts and discards. */
    static final class PageResponse extends HttpServletResponseWrapper {

        private final List<String[]> headers = new ArrayList<>();
        private final PrintWriter writer = new PrintWriter(new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                written += length;
            }

            @Override
            public void write(String text, int offset, int length) {
                written += length;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        private String contentType;
        long written;

        PageResponse() {
            super((HttpServletResponse) Proxy.newProxyInstance(PageResponse.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        throw new UnsupportedOperationException(method.getName());
                    }));
        }

        void newPage() {
            headers.clear();
            contentType = null;
            written = 0;
        }

        @Override
        public void setContentType(String type) {
            contentType = type;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public int getStatus() {
            return SC_OK;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public int getBufferSize() {
            return 8192;
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.removeIf(header -> header[0].equalsIgnoreCase(name));
            headers.add(new String[] {name, value});
        }

        @Override
        public String getHeader(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        @Override
        public Collection<String> getHeaders(String name) {
            List<String> values = List.of();
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    values = values.isEmpty() ? new ArrayList<>() : values;
                    values.add(header[1]);
                }
            }
            return values;
        }
    }
}
