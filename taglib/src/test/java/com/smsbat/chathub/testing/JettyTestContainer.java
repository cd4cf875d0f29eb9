package com.smsbat.chathub.testing;

import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Jetty 12 serving one web application of one EE environment. The server, connector and users are core
 * Jetty; the web application comes from {@code webapps}, the only part that names an environment's
 * classes ({@link JettyEe10Webapps} for jakarta, {@link JettyEe8Webapps} for javax), so a test JVM never
 * loads the environment it does not have.
 */
final class JettyTestContainer implements TestContainer {

    private final BiFunction<TestWebapp, Path, Handler> webapps;
    private final Server server = new Server();
    private Handler context;
    private String contextPath;
    private int port;

    /** @param webapps makes the (not yet started) web application of a {@link TestWebapp} laid out at a path */
    JettyTestContainer(BiFunction<TestWebapp, Path, Handler> webapps) {
        this.webapps = webapps;
    }

    @Override
    public void deploy(TestWebapp app) throws Exception {
        ServerConnector connector = addLocalConnector(server);
        addUsers(server, app.users());

        contextPath = "/".equals(app.contextPath()) ? "" : app.contextPath();
        context = webapps.apply(app, app.materialize());
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    /** A connector on 127.0.0.1 at a free port, added to {@code server}. */
    static ServerConnector addLocalConnector(Server server) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    /** {@code users} as the server's login service. */
    static void addUsers(Server server, List<TestWebapp.User> users) {
        UserStore store = new UserStore();
        for (TestWebapp.User user : users) {
            store.addUser(user.name(), Credential.getCredential(user.password()), user.roles().toArray(String[]::new));
        }
        HashLoginService logins = new HashLoginService("test");
        logins.setUserStore(store);
        server.addBean(logins);
    }

    @Override
    public void undeploy() throws Exception {
        context.stop();
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + contextPath + path);
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
