package com.smsbat.chathub.testing;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

import java.net.URI;
import java.nio.file.Path;

final class JettyTestContainer implements TestContainer {

    private final Server server = new Server();
    private WebAppContext context;
    private int port;

    @Override
    public void deploy(TestWebapp app) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        UserStore store = new UserStore();
        for (TestWebapp.User user : app.users()) {
            store.addUser(user.name(), Credential.getCredential(user.password()), user.roles().toArray(String[]::new));
        }
        HashLoginService logins = new HashLoginService("test");
        logins.setUserStore(store);
        server.addBean(logins);

        Path root = app.materialize();
        context = new WebAppContext();
        context.setContextPath(app.contextPath());
        context.setBaseResourceAsPath(root);
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        // JSTL's TLDs live on the container classpath in these tests, as in Jetty distributions.
        context.setAttribute("org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern",
                ".*/jakarta\\.servlet\\.jsp\\.jstl-[^/]*\\.jar$");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @Override
    public void undeploy() throws Exception {
        context.stop();
    }

    @Override
    public URI uri(String path) {
        String contextPath = "/".equals(context.getContextPath()) ? "" : context.getContextPath();
        return URI.create("http://127.0.0.1:" + port + contextPath + path);
    }

    @Override
    public String name() {
        return "jetty";
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
