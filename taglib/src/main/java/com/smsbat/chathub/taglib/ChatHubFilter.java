package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.config.Setting;
import com.smsbat.chathub.internal.config.SettingSources;
import com.smsbat.chathub.internal.endpoint.TokenEndpoint;
import com.smsbat.chathub.internal.injection.HtmlInjector;
import com.smsbat.chathub.internal.rendering.Panels;
import com.smsbat.chathub.internal.rendering.RenewalModule;
import com.smsbat.chathub.internal.runtime.ChatHubOff;
import com.smsbat.chathub.internal.runtime.ChatHubRuntime;
import com.smsbat.chathub.internal.runtime.PanelState;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the ChatHub integration of a web application and serves it per request: the JSON token
 * endpoint, the browser module at its content-named address, and (with {@code chathub.inject=true}) the panel written into every HTML page. The
 * {@code <chathub:widget/>} tag needs this filter to be running.
 *
 * <p>Registered automatically by the library's {@code web-fragment.xml} (fragment name {@code chathub},
 * filter name {@code chathub}, mapped to {@code /*}), or by {@link ChatHubInitializer} in applications whose
 * {@code web.xml} is {@code metadata-complete}. To place it yourself — for example before a
 * compression filter, which it must precede — declare a filter named {@code chathub} with this class in
 * {@code web.xml}, with {@code <async-supported>true</async-supported>}. To leave it out, list fragments in
 * {@code <absolute-ordering>} without {@code chathub}, or set {@code chathub.enabled=false}.
 *
 * <p>All settings are read once, in {@link #init}; the settings table of docs/settings.md lists them.
 */
public class ChatHubFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(ChatHubFilter.class.getName());

    private ChatHubRuntime runtime;
    private RenewalModule module;
    private ServletContext context;
    /** Where the token endpoint would be, to say why it is not there when it is asked for. */
    private String endpointPath = Setting.ENDPOINT_PATH.defaultValue();

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        context = filterConfig.getServletContext();
        if (ChatHubRuntime.of(context) != null) {
            // Declared under another name than "chathub", next to the library's own registration: one is enough.
            LOG.warning("ChatHub already runs in " + contextName() + "; the second ChatHub filter \""
                    + filterConfig.getFilterName() + "\" passes requests through. Declare the filter only once, "
                    + "named \"chathub\", so that the library's own registration steps aside.");
            return;
        }
        Function<Setting, String> settings = SettingSources.of(filterConfig);
        try {
            ChatHubConfig config = ChatHubConfig.parse(settings, context::getResourceAsStream);
            endpointPath = config.page().endpointPath();
            if (!config.enabled()) {
                LOG.info("ChatHub is off in " + contextName() + ": chathub.enabled=false");
                ChatHubOff.record(context, ChatHubOff.DISABLED, ChatHubOff.DISABLED_FIX);
                return;
            }
            if (!config.client().canSignIn()) {
                LOG.warning("ChatHub panels are off in " + contextName() + ": " + ChatHubOff.NO_CREDENTIALS
                        + ". Fix: " + ChatHubOff.NO_CREDENTIALS_FIX + ".");
                ChatHubOff.record(context, ChatHubOff.NO_CREDENTIALS, ChatHubOff.NO_CREDENTIALS_FIX);
                return;
            }
            runtime = ChatHubRuntime.start(config, context, Clock.systemUTC());
            module = RenewalModule.forApplication(context.getContextPath(), config, runtime.widgetUrl());
            LOG.info("ChatHub panels are on in " + contextName() + " (filter \"" + filterConfig.getFilterName()
                    + "\", resolver " + config.resolution().resolver() + ")");
        } catch (ChatHubConfigException e) {
            if (!ChatHubConfig.failsOnInvalid(settings)) {
                LOG.severe("ChatHub panels are off in " + contextName() + ": " + e.getMessage());
                ChatHubOff.record(context, e.getMessage(), ChatHubOff.INVALID_FIX);
                return;
            }
            // Tomcat reports the exception only in its localhost log; catalina.out just says a filter failed.
            LOG.severe("ChatHub configuration of " + contextName() + ": " + e.getMessage());
            throw new ServletException("ChatHub configuration of " + contextName() + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            // Not a setting the administrator wrote but what the library found (a class missing, or of a version it
            // cannot use, such as the application's own old Jackson): the application runs on, without panels.
            String reason = "the library could not start: " + e;
            LOG.log(Level.SEVERE, "ChatHub panels are off in " + contextName() + ": " + reason + ". Fix: "
                    + ChatHubOff.STARTUP_FAILED_FIX + ".", e);
            ChatHubOff.record(context, reason, ChatHubOff.STARTUP_FAILED_FIX);
        }
    }

    private String contextName() {
        String path = context.getContextPath();
        return path.isEmpty() ? "the root application" : path;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        if (runtime == null) {
            if (!endpointPath.isEmpty() && isPath(http, endpointPath)) {
                ChatHubOff.warnOnce(context);
            }
            chain.doFilter(request, response);
            return;
        }
        ChatHubConfig config = runtime.config();
        if (config.page().endpointEnabled() && isPath(http, config.page().endpointPath())) {
            TokenEndpoint.serve(PanelState.of(http, runtime), httpResponse);
            return;
        }
        if (isPath(http, module.path())) {
            module.serve(http, httpResponse);
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

        private final HttpServletRequest request;
        private final ChatHubRuntime runtime;

        PagePanel(HttpServletRequest request, ChatHubRuntime runtime) {
            this.request = request;
            this.runtime = runtime;
        }

        @Override
        public boolean wanted() {
            return !PanelState.of(request, runtime).assignments().isEmpty();
        }

        @Override
        public String get() {
            return Panels.forInjection(PanelState.of(request, runtime));
        }
    }

    /**
     * Whether the request's path within the application, path parameters ({@code ;jsessionid=…}) aside, is
     * {@code path}; without copying the URI, as every request asks.
     */
    private static boolean isPath(HttpServletRequest request, String path) {
        String uri = request.getRequestURI();
        int start = Math.min(request.getContextPath().length(), uri.length());
        int end = start + path.length();
        return uri.startsWith(path, start) && (uri.length() == end || uri.charAt(end) == ';');
    }

    @Override
    public void destroy() {
        if (runtime != null) {
            runtime.stop(context);
            runtime = null;
        }
    }
}
