package com.smsbat.chathub.testing;

import org.eclipse.jetty.ee8.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;

import javax.servlet.ServletContainerInitializer;
import java.nio.file.Path;

/** javax web applications on Jetty 12 (ee8, Servlet 4.0), for the javax variant of the library. */
final class JettyEe8Webapps {

    /**
     * Starts Jasper in each web application. Named, not imported: it extends the Jasper of its own
     * (javax) run, which the jakarta one takes the place of when the tests are compiled.
     */
    private static final String JASPER_INITIALIZER = "org.eclipse.jetty.ee8.apache.jsp.JettyJasperInitializer";

    private JettyEe8Webapps() {
    }

    static Handler create(TestWebapp app, Path root) {
        WebAppContext context = new WebAppContext();
        context.setContextPath(app.contextPath());
        context.setBaseResourceAsPath(root);
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        // Jetty runs initializers found on the classpath only with its annotations module, which ee8 no longer has.
        context.addServletContainerInitializer(jasperInitializer());
        return context.get();
    }

    private static ServletContainerInitializer jasperInitializer() {
        try {
            return Class.forName(JASPER_INITIALIZER).asSubclass(ServletContainerInitializer.class)
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Jetty ee8's JSP engine is not on the classpath", e);
        }
    }
}
