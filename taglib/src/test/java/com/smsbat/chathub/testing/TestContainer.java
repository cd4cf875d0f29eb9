package com.smsbat.chathub.testing;

import java.net.URI;

/**
 * A real servlet container serving one {@link TestWebapp} on 127.0.0.1. Which container is chosen by
 * the system property {@code chathub.test.container} ({@code jetty}, {@code tomcat-11},
 * {@code tomcat-10.1}) that each surefire execution sets, so one {@code *ContainerTest} runs in all three;
 * the javax variant's runs set {@code jetty-ee8}, {@code tomcat-9}, {@code jetty-9.4} or {@code tomcat-8.5}.
 */
public interface TestContainer extends AutoCloseable {

    static TestContainer start(TestWebapp app) {
        String name = System.getProperty("chathub.test.container", "jetty");
        TestContainer container = switch (name) {
            case "jetty" -> new JettyTestContainer(JettyEe10Webapps::create);
            case "jetty-ee8" -> new JettyTestContainer(JettyEe8Webapps::create);
            case "jetty-9.4" -> new Jetty94TestContainer();
            case "tomcat-11", "tomcat-10.1", "tomcat-9", "tomcat-8.5" -> new TomcatTestContainer();
            default -> throw new IllegalArgumentException("chathub.test.container=" + name
                    + ": use jetty, tomcat-11, tomcat-10.1, jetty-ee8, tomcat-9, jetty-9.4 or tomcat-8.5");
        };
        try {
            container.deploy(app);
        } catch (Exception e) {
            container.close();
            throw new IllegalStateException("could not start " + name, e);
        }
        return container;
    }

    void deploy(TestWebapp app) throws Exception;

    /** Stops the web application (not the server), as an undeploy does. */
    void undeploy() throws Exception;

    /** {@code path} resolved against the application's context root, e.g. {@code uri("/page.jsp")}. */
    URI uri(String path);


    @Override
    void close();
}
