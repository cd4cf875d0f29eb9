package com.smsbat.chathub.testing;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;

import java.nio.file.Path;

/** Jakarta web applications on Jetty 12 (ee10, Servlet 6.0). */
final class JettyEe10Webapps {

    private JettyEe10Webapps() {
    }

    static Handler create(TestWebapp app, Path root) {
        WebAppContext context = new WebAppContext();
        context.setContextPath(app.contextPath());
        context.setBaseResourceAsPath(root);
        context.setParentLoaderPriority(!app.isolated());
        context.setThrowUnavailableOnStartupException(true);
        // JSTL's TLDs live on the container classpath in these tests, as in Jetty distributions.
        context.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern",
                ".*/jakarta\\.servlet\\.jsp\\.jstl-[^/]*\\.jar$");
        return context;
    }
}
