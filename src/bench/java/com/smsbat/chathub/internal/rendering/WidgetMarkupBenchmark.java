package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.internal.web.ChatHubWeb;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.taglib.WidgetTag;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code <chathub:widget>} does per page once the operator's token is cached: find the request's
 * ChatHub state, resolve the user's operator (default {@code mapping} resolver), take the token from the
 * cache and write the markup (script tag, renewal attributes, fallback template, renewal module) into the
 * page's buffer — the code {@link WidgetTag#doTag()} runs, the buffer reused from page to page as a JSP
 * page's writer reuses its own. The library runs for real against a
 * sandbox, in a Jetty servlet context; the request is a stand-in with the four things rendering reads.
 */
@State(Scope.Thread)
public class WidgetMarkupBenchmark {

    private static final String FALLBACK = "<p class=\"chat-fallback\">Chat is unavailable right now.</p>";

    private ChatHubSandbox sandbox;
    /** A page's response before it commits, as far as the tag asks it (to keep it out of shared caches). */
    private static final HttpServletResponse RESPONSE = (HttpServletResponse) Proxy.newProxyInstance(
            WidgetMarkupBenchmark.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "isCommitted":
                        return false;
                    case "getHeaders":
                        return Collections.emptyList();
                    case "setHeader":
                        return null;
                    default:
                        throw new UnsupportedOperationException("response " + method.getName());
                }
            });

    private ChatHubWeb web;
    private ServletContext context;
    private PageRequest request;
    private final CharArrayWriter page = new CharArrayWriter(8192);

    @Setup
    public void start() throws IOException, ServletException {
        sandbox = ChatHubSandbox.start();
        Path root = Files.createTempDirectory("chathub-bench");
        Files.createDirectories(root.resolve("WEB-INF"));
        Files.writeString(root.resolve("WEB-INF/chathub-operators.properties"), "john=24:101\n");
        ServletContextHandler handler = new ServletContextHandler("/app");
        handler.setBaseResourceAsPath(root);
        context = handler.getServletContext();
        Map<String, String> settings = Map.of(
                "chathub.api.url", sandbox.baseUri().toString(),
                "chathub.widget.url", sandbox.widgetScriptUri().toString(),
                "chathub.login", ChatHubSandbox.LOGIN,
                "chathub.password", ChatHubSandbox.PASSWORD,
                "chathub.jmx", "false");
        web = ChatHubWeb.start(filter(context, settings));
        request = new PageRequest("john", "/app");
        widgetMarkup();
        if (!page.toString().contains(" token=\"ey")) {
            throw new IllegalStateException("the first page view got no panel from the sandbox");
        }
    }

    /** The library's filter as the web fragment declares it, with {@code settings} as its init parameters. */
    private static FilterConfig filter(ServletContext context, Map<String, String> settings) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "chathub";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return settings.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(settings.keySet());
            }
        };
    }

    @Benchmark
    public int widgetMarkup() throws IOException {
        request.newPage();
        page.reset();
        ChatHubWeb.writeWidget(context, request, RESPONSE, page, null, null, true, null, FALLBACK);
        return page.size();
    }

    @TearDown
    public void stop() {
        web.stop();
        sandbox.close();
    }

    /**
     * A logged-in user's page request: attributes, remote user, context path (the request's and the
     * application's), and the session a signed-in user
     * has (its attributes and id: the audit trail remembers there which operators' tokens it was handed). Anything
     * else throws, so the benchmark cannot quietly measure less than the tag does. Public for the injection
     * benchmark.
     */
    public static class PageRequest extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();
        private final Map<String, Object> sessionAttributes = new HashMap<>();
        private final HttpSession session = (HttpSession) Proxy.newProxyInstance(PageRequest.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getId":
                            return "bench-session";
                        case "getAttribute":
                            return sessionAttributes.get((String) args[0]);
                        case "setAttribute":
                            sessionAttributes.put((String) args[0], args[1]);
                            return null;
                        default:
                            throw new UnsupportedOperationException("session " + method.getName());
                    }
                });
        private final String user;
        private final String contextPath;
        /** The application, as far as rendering asks it: its own context path. */
        private final ServletContext application;

        public PageRequest(String user, String contextPath) {
            super((HttpServletRequest) Proxy.newProxyInstance(PageRequest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                        throw new UnsupportedOperationException(method.getName());
                    }));
            this.user = user;
            this.contextPath = contextPath;
            this.application = (ServletContext) Proxy.newProxyInstance(PageRequest.class.getClassLoader(),
                    new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getContextPath")) {
                            return contextPath;
                        }
                        throw new UnsupportedOperationException("servlet context " + method.getName());
                    });
        }

        @Override
        public ServletContext getServletContext() {
            return application;
        }

        /** Each page view is a new request to the container, with no attributes yet. */
        public void newPage() {
            attributes.clear();
        }

        @Override
        public String getRemoteUser() {
            return user;
        }

        @Override
        public String getContextPath() {
            return contextPath;
        }

        @Override
        public String getRemoteAddr() {
            return "127.0.0.1";
        }

        @Override
        public HttpSession getSession(boolean create) {
            return session;
        }

        @Override
        public HttpSession getSession() {
            return session;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }
    }
}
