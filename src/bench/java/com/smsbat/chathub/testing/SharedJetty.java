package com.smsbat.chathub.testing;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Several web applications in one Jetty 12 ee10 server: one connector, one thread pool, one login service.
 * For comparing two applications' throughput: in two servers, each with its own pool and selector, the two
 * sides differ by where their threads happen to run (several per cent either way on a shared 2-core machine,
 * even for responses the library never touches); in one server only the applications differ.
 */
public final class SharedJetty implements AutoCloseable {

    private final Server server = new Server();
    private final List<String> contextPaths = new ArrayList<>();
    private int port;

    private SharedJetty() {
    }

    /** Starts {@code apps}, which must have different context paths; users come from the first. */
    public static SharedJetty start(TestWebapp... apps) throws Exception {
        SharedJetty shared = new SharedJetty();
        try {
            shared.deploy(apps);
        } catch (Exception e) {
            shared.close();
            throw e;
        }
        return shared;
    }

    private void deploy(TestWebapp... apps) throws Exception {
        ServerConnector connector = JettyTestContainer.addLocalConnector(server);
        JettyTestContainer.addUsers(server, apps[0].users());
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (TestWebapp app : apps) {
            contextPaths.add(app.contextPath());
            contexts.addHandler(JettyEe10Webapps.create(app, app.materialize()));
        }
        server.setHandler(contexts);
        server.start();
        port = connector.getLocalPort();
    }

    /** {@code path} within the {@code app}-th application (0-based, in the order given to {@link #start}). */
    public URI uri(int app, String path) {
        return URI.create("http://127.0.0.1:" + port + contextPaths.get(app) + path);
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
