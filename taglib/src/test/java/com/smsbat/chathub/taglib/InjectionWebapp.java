package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.config.InjectionSettings;
import com.smsbat.chathub.internal.injection.HtmlInjector;
import com.smsbat.chathub.internal.injection.RandomPages;
import com.smsbat.chathub.testing.TestWebapp;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A webapp with the injector in front of a servlet whose behaviour each test supplies as a {@link Scenario},
 * registered by name and run for requests to {@code /s/<name>} (and {@code /api/<name>}, {@code /<name>.pdf}
 * for the excluded paths, {@code /gzip-outside/<name>} with a compressing filter around the injector). Classes
 * load parent-first, so the registry is the test's own.
 *
 * <p>The injector runs in a filter named {@code chathub}, declared in {@code web.xml} in place of the library's
 * own: by default without a mapping of its own, so that the library's {@code web-fragment.xml} maps it, exactly
 * as users get it.
 */
final class InjectionWebapp {

    static final String MARKUP = RandomPages.MARKUP;

    private static final Map<String, Scenario> SCENARIOS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MARKUP_CALLS = new ConcurrentHashMap<>();

    private static final String WEB_XML = """
              <filter>
                <filter-name>gzip-outside</filter-name>
                <filter-class>com.smsbat.chathub.taglib.InjectionWebapp$GzipFilter</filter-class>
                <async-supported>true</async-supported>
              </filter>
              <filter>
                <filter-name>chathub</filter-name>
                <filter-class>com.smsbat.chathub.taglib.InjectionWebapp$MarkupFilter</filter-class>
                <async-supported>true</async-supported>
                <init-param><param-name>exclude</param-name><param-value>/api/*, *.pdf</param-value></init-param>
              </filter>
              <filter-mapping>
                <filter-name>gzip-outside</filter-name>
                <url-pattern>/gzip-outside/*</url-pattern>
              </filter-mapping>
              %s
              <servlet>
                <servlet-name>scenario</servlet-name>
                <servlet-class>com.smsbat.chathub.taglib.InjectionWebapp$ScenarioServlet</servlet-class>
                <async-supported>true</async-supported>
              </servlet>
              <servlet-mapping>
                <servlet-name>scenario</servlet-name>
                <url-pattern>/s/*</url-pattern>
                <url-pattern>/api/*</url-pattern>
                <url-pattern>*.pdf</url-pattern>
                <url-pattern>/gzip-outside/*</url-pattern>
              </servlet-mapping>
            """;

    private InjectionWebapp() {
    }

    @FunctionalInterface
    interface Scenario {
        void run(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    /** The injector mapped by the library's web-fragment.xml, as users get it. */
    static TestWebapp create() {
        return TestWebapp.create().webXml(WEB_XML.formatted(""));
    }

    /** The injector mapped the way a hand-written web.xml often maps filters: to requests only. */
    static TestWebapp createMappedToRequestsOnly() {
        return TestWebapp.create().webXml(WEB_XML.formatted("""
                <filter-mapping>
                  <filter-name>chathub</filter-name>
                  <url-pattern>/*</url-pattern>
                </filter-mapping>"""));
    }

    static void register(String name, Scenario scenario) {
        SCENARIOS.put(name, scenario);
    }

    /** How often the markup supplier ran for requests whose path ends with {@code /name}. */
    static int markupCalls(String name) {
        AtomicInteger calls = MARKUP_CALLS.get(name);
        return calls == null ? 0 : calls.get();
    }

    public static final class ScenarioServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException {
            String name = scenarioName(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
            Scenario scenario = SCENARIOS.get(name);
            if (scenario == null) {
                throw new ServletException("no scenario " + name);
            }
            try {
                scenario.run(request, response);
            } catch (Exception e) {
                throw new ServletException(e);
            }
        }
    }

    /** The injector as the library's filter will use it, with a fixed markup; {@code ?nomarkup} supplies none. */
    public static final class MarkupFilter implements Filter {

        private HtmlInjector injector;

        @Override
        public void init(FilterConfig config) {
            injector = new HtmlInjector(InjectionSettings.patterns(Arrays.asList(config.getInitParameter("exclude").split(","))));
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String name = scenarioName(http.getRequestURI());
            injector.filter(http, (HttpServletResponse) response, chain, new HtmlInjector.Markup() {
                @Override
                public boolean wanted() {
                    return true;
                }

                @Override
                public String get() {
                    MARKUP_CALLS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                    return http.getParameter("nomarkup") == null ? MARKUP : null;
                }
            });
        }
    }

    /** {@code scenario} writing through a compressing response wrapper of its own, below the injector. */
    static Scenario compressed(Scenario scenario) {
        return (request, response) -> {
            response.setHeader("Content-Encoding", "gzip");
            GzipResponse gzip = new GzipResponse(response);
            scenario.run(request, gzip);
            gzip.finish();
        };
    }

    /** A compressing filter of the usual kind: sets Content-Encoding, gzips whatever is written. */
    public static final class GzipFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Content-Encoding", "gzip");
            GzipResponse gzip = new GzipResponse(http);
            chain.doFilter(request, gzip);
            gzip.finish();
        }
    }

    private static final class GzipResponse extends HttpServletResponseWrapper {

        private GZIPOutputStream gzip;
        private ServletOutputStream stream;
        private PrintWriter writer;

        GzipResponse(HttpServletResponse response) {
            super(response);
        }

        private GZIPOutputStream gzip() throws IOException {
            if (gzip == null) {
                gzip = new GZIPOutputStream(getResponse().getOutputStream());
            }
            return gzip;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                GZIPOutputStream out = gzip();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(gzip(), getCharacterEncoding()));
            }
            return writer;
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }

        void finish() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (gzip != null) {
                gzip.finish();
            }
        }
    }

    private static String scenarioName(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot < 0 ? last : last.substring(0, dot);
    }
}
