package com.smsbat.chathub.testing;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.Tomcat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

final class TomcatTestContainer implements TestContainer {

    private final String name;
    private final Tomcat tomcat = new Tomcat();
    private Context context;

    TomcatTestContainer(String name) {
        this.name = name;
    }

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
        WebappLoader loader = new WebappLoader();
        loader.setDelegate(true);
        context.setLoader(loader);
        tomcat.start();
        if (!context.getState().isAvailable()) {
            throw new IllegalStateException("webapp failed to start: " + context.getState());
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
    public String name() {
        return name;
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
