package com.smsbat.chathub.testing;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Jetty 9.4 (Servlet 3.1) serving one javax web application, for the javax jar's floor. Driven by reflection:
 * Jetty 9.4's classes have the names of Jetty 12's, which the tests compile against, so only the run that has
 * Jetty 9.4 on its class path (and no Jetty 12) can load them.
 */
final class Jetty94TestContainer implements TestContainer {

    private Object server;
    private Object context;
    private Object connector;
    private String contextPath;

    @Override
    public void deploy(TestWebapp app) throws Exception {
        server = type("org.eclipse.jetty.server.Server").getConstructor().newInstance();
        connector = type("org.eclipse.jetty.server.ServerConnector")
                .getConstructor(type("org.eclipse.jetty.server.Server")).newInstance(server);
        call(connector, "setHost", String.class, "127.0.0.1");
        call(connector, "setPort", int.class, 0);
        call(server, "addConnector", type("org.eclipse.jetty.server.Connector"), connector);
        call(server, "addBean", Object.class, logins(app.users()));

        contextPath = "/".equals(app.contextPath()) ? "" : app.contextPath();
        context = type("org.eclipse.jetty.webapp.WebAppContext").getConstructor().newInstance();
        call(context, "setContextPath", String.class, app.contextPath());
        call(context, "setResourceBase", String.class, app.materialize().toString());
        call(context, "setParentLoaderPriority", boolean.class, !app.isolated());
        call(context, "setThrowUnavailableOnStartupException", boolean.class, true);
        call(context, "setOverrideDescriptor", String.class, jspForJava8().toString());
        startJsp(context);
        call(server, "setHandler", type("org.eclipse.jetty.server.Handler"), context);
        call(server, "start");
    }

    /**
     * Jetty 9.4's default descriptor has Jasper compile JSPs for Java 7, which the JDT compiler on this class path
     * (new enough for Java 17) refuses; a Jetty 9.4 distribution brings the older JDT that still accepts it.
     */
    private static Path jspForJava8() throws IOException {
        Path descriptor = Files.createTempFile("jetty94-override", ".xml");
        Files.write(descriptor, ("<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"3.1\">"
                + "<servlet><servlet-name>jsp</servlet-name>"
                + "<init-param><param-name>compilerSourceVM</param-name><param-value>1.8</param-value></init-param>"
                + "<init-param><param-name>compilerTargetVM</param-name><param-value>1.8</param-value></init-param>"
                + "</servlet></web-app>").getBytes(StandardCharsets.UTF_8));
        descriptor.toFile().deleteOnExit();
        return descriptor;
    }

    /** Jetty 9.4's way to run Jasper in an embedded web application (its annotations module does it in a distribution). */
    private static void startJsp(Object context) throws ReflectiveOperationException {
        Object jasper = type("org.eclipse.jetty.apache.jsp.JettyJasperInitializer").getConstructor().newInstance();
        Object initializer = type("org.eclipse.jetty.plus.annotation.ContainerInitializer")
                .getConstructor(type("javax.servlet.ServletContainerInitializer"), Class[].class)
                .newInstance(jasper, null);
        call(context, "setAttribute", String.class, Object.class, "org.eclipse.jetty.containerInitializers",
                List.of(initializer));
        call(context, "setAttribute", String.class, Object.class, "org.apache.tomcat.InstanceManager",
                type("org.apache.tomcat.SimpleInstanceManager").getConstructor().newInstance());
        Class<?> contextType = type("org.eclipse.jetty.webapp.WebAppContext");
        Object starter = type("org.eclipse.jetty.annotations.ServletContainerInitializersStarter")
                .getConstructor(contextType).newInstance(context);
        call(context, "addBean", Object.class, boolean.class, starter, true);
    }

    private static Object logins(List<TestWebapp.User> users) throws ReflectiveOperationException {
        Object store = type("org.eclipse.jetty.security.UserStore").getConstructor().newInstance();
        Class<?> credential = type("org.eclipse.jetty.util.security.Credential");
        for (TestWebapp.User user : users) {
            Object password = credential.getMethod("getCredential", String.class).invoke(null, user.password());
            Object roles = user.roles().toArray(new String[0]);
            call(store, "addUser", String.class, credential, String[].class, user.name(), password, roles);
        }
        Object logins = type("org.eclipse.jetty.security.HashLoginService").getConstructor(String.class).newInstance("test");
        call(logins, "setUserStore", store.getClass(), store);
        return logins;
    }

    @Override
    public void undeploy() throws Exception {
        call(context, "stop");
    }

    @Override
    public URI uri(String path) {
        try {
            return URI.create("http://127.0.0.1:" + call(connector, "getLocalPort") + contextPath + path);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                call(server, "stop");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, true, Jetty94TestContainer.class.getClassLoader());
    }

    /** {@code target.name(arguments)}: the parameter types first, then as many arguments. */
    private static Object call(Object target, String name, Object... typesThenArguments) throws ReflectiveOperationException {
        int count = typesThenArguments.length / 2;
        Class<?>[] types = new Class<?>[count];
        Object[] arguments = new Object[count];
        for (int i = 0; i < count; i++) {
            types[i] = (Class<?>) typesThenArguments[i];
            arguments[i] = typesThenArguments[count + i];
        }
        try {
            return target.getClass().getMethod(name, types).invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw new IllegalStateException(name + " failed", cause);
            }
            throw e;
        }
    }
}
