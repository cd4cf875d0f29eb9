package com.smsbat.chathub.testing;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

final class TomcatTestContainer implements TestContainer {

    private final Tomcat tomcat = new Tomcat();
    private Context context;

    @Override
    public void deploy(TestWebapp app) throws Exception {
        tomcat.setBaseDir(Files.createTempDirectory("chathub-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        for (TestWebapp.User user : app.users()) {
            tomcat.addUser(user.name(), user.password());
            user.roles().forEach(role -> tomcat.addRole(user.name(), role));
        }
        Path root = app.materialize();
        context = tomcat.addWebapp(app.contextPath(), root.toString());
        if ("tomcat-8.5".equals(System.getProperty("chathub.test.container"))) {
            context.addLifecycleListener(TomcatTestContainer::compileJspForJava8);
        }
        // Only WEB-INF/lib, as in a real deployment: the test classpath holds the library's classes too.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        WebappLoader loader = new WebappLoader();
        loader.setDelegate(!app.isolated());
        context.setLoader(loader);
        // Tomcat runs every initializer registered on its own class path, whatever the web.xml ordering says;
        // the library's registration must be seen only in WEB-INF/lib, as in a real deployment.
        context.setParentClassLoader(new LibraryServicesHidden(TomcatTestContainer.class.getClassLoader()));
        // Tomcat logs why a webapp failed to start instead of throwing it: catch that to report it.
        Logger catalina = Logger.getLogger("org.apache.catalina");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null && record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    failures.add(record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        catalina.addHandler(handler);
        try {
            tomcat.start();
        } finally {
            catalina.removeHandler(handler);
        }
        if (!context.getState().isAvailable()) {
            IllegalStateException failed = new IllegalStateException("webapp failed to start: " + context.getState(),
                    failures.isEmpty() ? null : failures.get(0));
            throw failed;
        }
    }

    /**
     * Tomcat 8.5's Jasper compiles JSPs for Java 7 unless told otherwise, which the JDT compiler on this class path
     * (new enough for Java 17) refuses; a Tomcat 8.5 distribution brings the older JDT that still accepts it. Its
     * JSP servlet exists once the defaults are configured.
     */
    private static void compileJspForJava8(LifecycleEvent event) {
        if (Lifecycle.CONFIGURE_START_EVENT.equals(event.getType())) {
            Wrapper jsp = (Wrapper) ((Context) event.getLifecycle()).findChild("jsp");
            if (jsp != null) {
                jsp.addInitParameter("compilerSourceVM", "1.8");
                jsp.addInitParameter("compilerTargetVM", "1.8");
            }
        }
    }

    /**
     * The test class path, but without the library's {@code META-INF/services} files. A URLClassLoader (of no
     * URLs of its own), so that Tomcat still finds the class path above it for JSP compilation.
     */
    private static final class LibraryServicesHidden extends URLClassLoader {

        private final String library = TestWebapp.libraryLocation().toString();

        LibraryServicesHidden(ClassLoader parent) {
            super(new URL[0], parent);
        }

        @Override
        public URL getResource(String name) {
            URL resource = super.getResource(name);
            return resource != null && hidden(name, resource) ? null : resource;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> visible = new ArrayList<>();
            for (URL resource : Collections.list(super.getResources(name))) {
                if (!hidden(name, resource)) {
                    visible.add(resource);
                }
            }
            return Collections.enumeration(visible);
        }

        private boolean hidden(String name, URL resource) {
            String location = resource.toString();
            return name.startsWith("META-INF/services/")
                    && (location.startsWith(library) || location.startsWith("jar:" + library));
        }
    }

    @Override
    public void undeploy() throws LifecycleException {
        context.stop();
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + context.getPath() + path);
    }


    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
