package com.smsbat.chathub.taglib;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Starts the ChatHub integration of a web application and serves it per request: the JSON token
 * endpoint, and (with {@code chathub.inject=true}) the panel written into every HTML page. The
 * {@code <chathub:widget/>} tag needs this filter to be running.
 *
 * <p>Registered automatically by the library's {@code web-fragment.xml} (fragment name {@code chathub},
 * filter name {@code chathub}, mapped to {@code /*}). To place it yourself — for example before a
 * compression filter, which it must precede — declare a filter named {@code chathub} with this class in
 * {@code web.xml}, with {@code <async-supported>true</async-supported>}. To leave it out, list fragments in
 * {@code <absolute-ordering>} without {@code chathub}, or set {@code chathub.enabled=false}.
 *
 * <p>All settings are read once, in {@link #init}; see {@link Setting} for the list.
 */
public class ChatHubFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(ChatHubFilter.class.getName());

    private ChatHubRuntime runtime;
    private ServletContext context;

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        context = filterConfig.getServletContext();
        Function<Setting, String> settings = SettingSources.of(filterConfig);
        try {
            ChatHubConfig config = ChatHubConfig.parse(settings);
            if (!config.enabled()) {
                LOG.info("ChatHub is off in " + contextName() + ": chathub.enabled=false");
                return;
            }
            if (!config.sandbox() && !config.hasCredentials()) {
                LOG.warning("ChatHub panels are off in " + contextName() + ": no company credentials. Set "
                        + "chathub.login and chathub.password, or chathub.company.token; or chathub.api.url=sandbox "
                        + "to try it offline.");
                return;
            }
            runtime = ChatHubRuntime.start(config, context, Clock.systemUTC());
        } catch (ChatHubConfigException e) {
            if ("false".equalsIgnoreCase(String.valueOf(settings.apply(Setting.FAIL_ON_INVALID)).strip())) {
                LOG.severe("ChatHub panels are off in " + contextName() + ": " + e.getMessage());
                return;
            }
            throw new ServletException("ChatHub configuration of " + contextName() + ": " + e.getMessage(), e);
        }
    }

    private String contextName() {
        String path = context.getContextPath();
        return path.isEmpty() ? "the root application" : path;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (runtime == null || !(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        ChatHubConfig config = runtime.config();
        if (config.endpointEnabled() && config.endpointPath().equals(pathWithinApplication(http))) {
            TokenEndpoint.serve(ChatHubRequest.of(http, runtime), httpResponse);
            return;
        }
        HtmlInjector injector = runtime.injector();
        if (injector == null) {
            chain.doFilter(request, response);
            return;
        }
        injector.filter(http, httpResponse, chain, new PagePanel(http, runtime));
    }

    /**
     * The panel zero-touch puts into a page. The user's operator is resolved only once a response turns out to be
     * an HTML page, so that stylesheets, scripts, images and JSON cost no resolution; responses of users without
     * an operator then stay exactly as the application wrote them.
     */
    private static final class PagePanel implements HtmlInjector.Markup {

        // Not a record: the javax build's class-file rewriting leaves a record's own descriptors naming jakarta.
        private final HttpServletRequest request;
        private final ChatHubRuntime runtime;

        PagePanel(HttpServletRequest request, ChatHubRuntime runtime) {
            this.request = request;
            this.runtime = runtime;
        }

        @Override
        public boolean wanted() {
            return !ChatHubRequest.of(request, runtime).assignments().isEmpty();
        }

        @Override
        public String get() {
            return Panels.render(ChatHubRequest.of(request, runtime), null, null, true, () -> null);
        }
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        int parameters = path.indexOf(';');
        return parameters >= 0 ? path.substring(0, parameters) : path;
    }

    @Override
    public void destroy() {
        if (runtime != null) {
            runtime.stop(context);
            runtime = null;
        }
    }
}
