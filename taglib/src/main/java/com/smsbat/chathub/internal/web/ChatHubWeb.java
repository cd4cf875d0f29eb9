package com.smsbat.chathub.internal.web;

import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.config.InjectionSettings;
import com.smsbat.chathub.internal.config.Setting;
import com.smsbat.chathub.internal.config.SettingSources;
import com.smsbat.chathub.internal.endpoint.TokenEndpoint;
import com.smsbat.chathub.internal.injection.CacheHeaders;
import com.smsbat.chathub.internal.injection.HtmlInjector;
import com.smsbat.chathub.internal.rendering.PanelMarkup;
import com.smsbat.chathub.internal.rendering.Panels;
import com.smsbat.chathub.internal.rendering.RenewalModule;
import com.smsbat.chathub.internal.runtime.ChatHubRuntime;
import com.smsbat.chathub.internal.runtime.PanelState;
import com.smsbat.chathub.resolver.OperatorAssignment;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The library in one web application, and the one thing its public classes talk to: the filter starts it, hands
 * it every request and stops it; the initializer asks it whether to register the filter; the tags ask it for their
 * panel. It holds the start-up policy ({@code chathub.enabled}, company credentials,
 * {@code chathub.fail-on-invalid-config}) and the routing of a request: the token endpoint, the browser module,
 * zero-touch pages, everything else passed through.
 *
 * <p>A web application where the library is off gets one too, which passes requests through and says why it is
 * off when a page or the endpoint first asks for a panel ({@link ChatHubOff}).
 */
public final class ChatHubWeb {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);
    private static final String ATTRIBUTE = ChatHubWeb.class.getName();

    private final ServletContext context;
    /** {@code null}: the library is off in this application. */
    private final ChatHubRuntime runtime;
    private final RenewalModule module;
    private final Panels panels;
    /** The zero-touch injector, or {@code null} when {@code chathub.inject} is off (or the library is). */
    private final HtmlInjector injector;
    /** Where the token endpoint is, or would be: an application without panels says why when it is asked for. */
    private final String endpointPath;

    private ChatHubWeb(ServletContext context, ChatHubRuntime runtime, String endpointPath) {
        this.context = context;
        this.runtime = runtime;
        this.endpointPath = endpointPath;
        if (runtime == null) {
            this.module = null;
            this.panels = null;
            this.injector = null;
        } else {
            String contextPath = context.getContextPath();
            this.module = RenewalModule.forApplication(contextPath, runtime.config().page(), runtime.widgetUrl());
            this.panels = new Panels(contextPath, runtime.config().page(), runtime.widgetUrl(), module);
            InjectionSettings injection = runtime.config().injection();
            this.injector = injection.inject() ? new HtmlInjector(injection.excluded()) : null;
        }
    }

    /**
     * Starts the library for the filter's web application, with the settings the filter and the application give.
     * Every failure but an invalid setting leaves the application running without panels.
     *
     * @throws ServletException naming the setting, when one is invalid and {@code chathub.fail-on-invalid-config}
     *                          is not {@code false}: the application does not start
     */
    public static ChatHubWeb start(FilterConfig filter) throws ServletException {
        ServletContext context = filter.getServletContext();
        if (of(context) != null) {
            // Declared under another name than "chathub", next to the library's own registration: one is enough.
            starting(Level.WARNING, "ChatHub already runs in " + ChatHubOff.applicationName(context)
                    + "; the second ChatHub filter \"" + filter.getFilterName() + "\" passes requests through. Declare "
                    + "the filter only once, named \"chathub\", so that the library's own registration steps aside.");
            return new ChatHubWeb(context, null, "");
        }
        Function<Setting, String> settings = SettingSources.of(filter);
        String endpointPath = Setting.ENDPOINT_PATH.defaultValue();
        try {
            ChatHubConfig config = ChatHubConfig.parse(settings, context::getResourceAsStream);
            endpointPath = config.page().endpointPath();
            if (!config.enabled()) {
                starting(Level.INFO, "ChatHub is off in " + ChatHubOff.applicationName(context) + ": "
                        + ChatHubOff.DISABLED);
                return off(context, endpointPath, ChatHubOff.DISABLED, ChatHubOff.DISABLED_FIX);
            }
            if (!config.client().canSignIn()) {
                starting(Level.WARNING, "ChatHub panels are off in " + ChatHubOff.applicationName(context) + ": "
                        + ChatHubOff.NO_CREDENTIALS + ". Fix: " + ChatHubOff.NO_CREDENTIALS_FIX + ".");
                return off(context, endpointPath, ChatHubOff.NO_CREDENTIALS, ChatHubOff.NO_CREDENTIALS_FIX);
            }
            ChatHubRuntime runtime = ChatHubRuntime.start(config, context, Clock.systemUTC());
            ChatHubWeb web;
            try {
                web = new ChatHubWeb(context, runtime, endpointPath);
            } catch (RuntimeException | LinkageError e) {
                runtime.close();
                throw e;
            }
            context.setAttribute(ATTRIBUTE, web);
            starting(Level.INFO, "ChatHub panels are on in " + ChatHubOff.applicationName(context) + " (filter \""
                    + filter.getFilterName() + "\", resolver " + config.resolution().resolver() + ")");
            return web;
        } catch (ChatHubConfigException e) {
            if (!ChatHubConfig.failsOnInvalid(settings)) {
                starting(Level.SEVERE, "ChatHub panels are off in " + ChatHubOff.applicationName(context) + ": "
                        + e.getMessage());
                return off(context, endpointPath, e.getMessage(), ChatHubOff.INVALID_FIX);
            }
            // Tomcat reports the exception only in its localhost log; catalina.out just says a filter failed.
            String message = "ChatHub configuration of " + ChatHubOff.applicationName(context) + ": " + e.getMessage();
            starting(Level.SEVERE, message);
            throw new ServletException(message, e);
        } catch (RuntimeException | LinkageError e) {
            // Not a setting the administrator wrote but what the library found (a class missing, or of a version it
            // cannot use, such as the application's own old Jackson): the application runs on, without panels.
            String reason = "the library could not start: " + e;
            starting(Level.SEVERE, "ChatHub panels are off in " + ChatHubOff.applicationName(context) + ": " + reason
                    + ". Fix: " + ChatHubOff.STARTUP_FAILED_FIX + ".", e);
            return off(context, endpointPath, reason, ChatHubOff.STARTUP_FAILED_FIX);
        }
    }

    private static ChatHubWeb off(ServletContext context, String endpointPath, String reason, String fix) {
        ChatHubOff.record(context, reason, fix);
        return new ChatHubWeb(context, null, endpointPath);
    }

    /**
     * A start-up line, told as the filter's: Tomcat's catalina.out names a line's source class, and administrators
     * look there for the filter their web.xml or the fragment declares, not for this internal class.
     */
    private static void starting(Level level, String message) {
        LOG.logp(level, ChatHubConfig.FILTER_CLASS_NAME, "init", message);
    }

    private static void starting(Level level, String message, Throwable thrown) {
        LOG.logp(level, ChatHubConfig.FILTER_CLASS_NAME, "init", message, thrown);
    }

    /**
     * Whether the initializer of an application whose {@code web.xml} hides the library's fragment should register
     * the filter: not with {@code chathub.enabled=false}, which is then recorded as the reason panels are off.
     */
    public static boolean wantsFilter(ServletContext context) {
        if (ChatHubConfig.enabled(SettingSources.of(context))) {
            return true;
        }
        ChatHubOff.record(context, ChatHubOff.DISABLED, ChatHubOff.DISABLED_FIX);
        return false;
    }

    /** Serves one request: the token endpoint, the browser module, a zero-touch page, or the application's own. */
    public void filter(ServletRequest request, ServletResponse response, FilterChain chain)
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
        if (!endpointPath.isEmpty() && isPath(http, endpointPath)) {
            TokenEndpoint.serve(PanelState.of(http, runtime), httpResponse);
            return;
        }
        if (isPath(http, module.path())) {
            module.serve(http, httpResponse);
            return;
        }
        if (injector == null) {
            chain.doFilter(request, response);
            return;
        }
        injector.filter(http, httpResponse, chain, new PagePanel(http));
    }

    /** Stops what {@link #start} started; the application's pages show their fallback from now on. */
    public void stop() {
        if (runtime != null) {
            context.removeAttribute(ATTRIBUTE);
            runtime.close();
        }
    }

    /**
     * Writes what {@code <chathub:widget/>} writes: the user's panel, nothing when the page already shows it, or
     * {@code body} (else {@code chathub.fallback}) when there is no panel to show.
     *
     * @param application the page's own application (not the request's, which differs in a cross-context include)
     * @param body        the tag's rendered body, or {@code null}
     */
    public static void writeWidget(ServletContext application, HttpServletRequest request,
            HttpServletResponse response, Writer out, String organization, String nonce, boolean renew, String loading,
            String body) throws IOException {
        ChatHubWeb web = forPage(application);
        if (web == null) {
            out.write(body == null || body.trim().isEmpty() ? "" : body);
            return;
        }
        String fallback = body == null || body.trim().isEmpty() ? web.runtime.config().page().fallback() : body;
        PanelMarkup markup = PanelState.of(request, web.runtime).markup(organization, nonce, renew, loading, fallback);
        if (markup.hasPanel()) {
            // Before the token is written, which may fill the page's buffer and commit the response.
            CacheHeaders.keepOutOfSharedCaches(response);
        }
        web.panels.write(out, markup);
    }

    /**
     * Hands the user's panel of {@code organization} (id or name; {@code null} for the default) to {@code taker},
     * for {@code <chathub:token/>}, which lets the page write the token anywhere: the response is kept out of shared
     * caches first.
     *
     * @param application the page's own application
     * @return whether there was a panel
     */
    public static boolean panel(ServletContext application, HttpServletRequest request, HttpServletResponse response,
            String organization, BiConsumer<OperatorAssignment, OperatorToken> taker) {
        ChatHubWeb web = forPage(application);
        Optional<PanelState.Panel> panel = web == null
                ? Optional.<PanelState.Panel>empty()
                : PanelState.of(request, web.runtime).panel(organization);
        if (!panel.isPresent()) {
            return false;
        }
        CacheHeaders.keepOutOfSharedCaches(response);
        taker.accept(panel.get().assignment(), panel.get().token());
        return true;
    }

    /** The running library of a page's application, or {@code null} (the first time, a warning says why). */
    private static ChatHubWeb forPage(ServletContext context) {
        ChatHubWeb web = of(context);
        if (web == null) {
            ChatHubOff.warnOnce(context);
        }
        return web;
    }

    private static ChatHubWeb of(ServletContext context) {
        Object web = context.getAttribute(ATTRIBUTE);
        return web instanceof ChatHubWeb ? (ChatHubWeb) web : null;
    }

    /**
     * The panel zero-touch puts into a page: what a tag without attributes or body would write. The user's operator
     * is resolved only once a response turns out to be an HTML page, so that stylesheets, scripts, images and JSON
     * cost no resolution; responses of users without an operator then stay exactly as the application wrote them.
     */
    private final class PagePanel implements HtmlInjector.Markup {

        private final HttpServletRequest request;

        PagePanel(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public boolean wanted() {
            return !PanelState.of(request, runtime).assignments().isEmpty();
        }

        @Override
        public String get() {
            return panels.toHtml(PanelState.of(request, runtime).markup(null, null, true, null, null));
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
}
