package com.smsbat.chathub.internal.web;

import com.smsbat.chathub.internal.config.ChatHubConfig;

import jakarta.servlet.ServletContext;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Why an application's ChatHub integration is not running, recorded where that is decided (the filter's
 * {@code init}, the initializer) and told once, as a warning naming the reason and the fix, when a page or
 * the token endpoint first asks for a panel anyway: the administrator who wonders why pages show the
 * fallback finds the answer next to the first such request, not only among the start-up lines.
 */
final class ChatHubOff {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);
    private static final String ATTRIBUTE = ChatHubOff.class.getName();

    private static final String FILTER_MISSING = "the chathub filter is not running: the container skipped the library's "
            + "web-fragment.xml and initializer (an <absolute-ordering> without \"chathub\"?)";
    private static final String FILTER_MISSING_FIX = "name \"chathub\" in <absolute-ordering>, or declare the filter in "
            + "web.xml: <filter-name>chathub</filter-name> <filter-class>" + ChatHubConfig.FILTER_CLASS_NAME
            + "</filter-class> mapped to /*";
    static final String DISABLED = "chathub.enabled=false";
    static final String DISABLED_FIX = "remove chathub.enabled or set it to true";
    static final String NO_CREDENTIALS = "no company credentials";
    static final String NO_CREDENTIALS_FIX = "set chathub.login and chathub.password, or chathub.company.token "
            + "(or chathub.api.url=sandbox to try it offline)";
    static final String STARTUP_FAILED_FIX = "the library needs jackson-databind 2.9 or newer (with its "
            + "jackson-core and jackson-annotations) in WEB-INF/lib, and Java 8 or newer; see the compatibility table "
            + "in docs/compatibility.md";
    static final String INVALID_FIX = "correct that setting; chathub.fail-on-invalid-config=false is why the "
            + "application started without panels";

    private final String reason;
    private final String fix;
    private final AtomicBoolean told = new AtomicBoolean();

    private ChatHubOff(String reason, String fix) {
        this.reason = reason;
        this.fix = fix;
    }

    /** Records why ChatHub is off in {@code context}; the first record wins (a filter of an app that disabled it). */
    static void record(ServletContext context, String reason, String fix) {
        synchronized (ChatHubOff.class) {
            if (context.getAttribute(ATTRIBUTE) == null) {
                context.setAttribute(ATTRIBUTE, new ChatHubOff(reason, fix));
            }
        }
    }

    /** Called when a page or the endpoint wants a panel and there is no integration: warns once per application. */
    static void warnOnce(ServletContext context) {
        ChatHubOff off;
        synchronized (ChatHubOff.class) {
            Object recorded = context.getAttribute(ATTRIBUTE);
            off = recorded instanceof ChatHubOff ? (ChatHubOff) recorded : null;
            if (off == null) {
                off = new ChatHubOff(FILTER_MISSING, FILTER_MISSING_FIX);
                context.setAttribute(ATTRIBUTE, off);
            }
        }
        if (off.told.compareAndSet(false, true)) {
            LOG.warning("ChatHub panels are off in " + applicationName(context)
                    + ", so pages show their fallback: " + off.reason + ". Fix: " + off.fix + ".");
        }
    }

    /** How log lines name an application: its context path, or "the root application". */
    static String applicationName(ServletContext context) {
        String path = context.getContextPath();
        return path.isEmpty() ? "the root application" : path;
    }
}
