package com.smsbat.chathub.demo;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo as the build packaged it (the exploded WAR in {@code target/}), on Jetty ee10 at 127.0.0.1 with
 * the same realm file as {@code jetty:run}. The webapp loads its own classes first, as in a real Jetty.
 */
final class DemoJetty implements DemoSite, AutoCloseable {

    static final String REALM = "Acme Back Office";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    private DemoJetty() {
    }

    static DemoJetty start() {
        return startWith(Map.of());
    }

    /**
     * Starts the demo with {@code systemProperties} set while the application starts, the way a server run with
     * {@code -Dname=value} would: the ChatHub settings are read once, at start-up.
     */
    static DemoJetty startWith(Map<String, String> systemProperties) {
        DemoJetty demo = new DemoJetty();
        Map<String, String> before = new HashMap<>();
        systemProperties.forEach((name, value) -> before.put(name, System.setProperty(name, value)));
        try {
            demo.deploy();
        } catch (Exception e) {
            demo.close();
            throw new IllegalStateException("the demo did not start on Jetty", e);
        } finally {
            before.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
        return demo;
    }

    private void deploy() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addBean(new HashLoginService(REALM,
                ResourceFactory.of(server).newResource(DemoBuild.realm())));

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(DemoBuild.webapp());
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.start();
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
