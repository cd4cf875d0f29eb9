package com.smsbat.chathub.demo;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged demo WAR on embedded Tomcat 10.1 (Servlet 6.0), with a Tomcat realm holding the demo's users,
 * checked over HTTP after a FORM login through {@code j_security_check}.
 */
class DemoTomcatIT {

    private static final Pattern PANEL_SCRIPT = Pattern.compile(
            "<script type=\"module\" id=\"(operator-chat-panel-script[-0-9]*)\" src=\"http://127\\.0\\.0\\.1:\\d+/[^\"]+\" "
                    + "token=\"[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\"");

    private static final Tomcat tomcat = new Tomcat();

    @BeforeAll
    static void start() throws Exception {
        assertTrue(ServerInfo.getServerNumber().startsWith("10.1."), ServerInfo.getServerInfo());
        Path baseDir = Files.createTempDirectory("demo-tomcat");
        Files.createDirectories(baseDir.resolve("webapps"));
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        addRealmUsers(DemoBuild.realm());

        Context context = tomcat.addWebapp("", DemoBuild.war().toString());
        // A standalone Tomcat's classpath is Tomcat's own jars; this test JVM's also holds the test libraries.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        tomcat.start();
        assertTrue(context.getState().isAvailable(), "demo deployed: " + context.getState());
    }

    /** The realm file is Jetty's format ({@code user: password,role,…}); here the same users go into Tomcat's realm. */
    private static void addRealmUsers(Path realm) throws IOException {
        Properties users = new Properties();
        try (InputStream in = Files.newInputStream(realm)) {
            users.load(in);
        }
        for (String user : users.stringPropertyNames()) {
            String[] passwordAndRoles = users.getProperty(user).split(",");
            tomcat.addUser(user, passwordAndRoles[0].strip());
            for (int i = 1; i < passwordAndRoles.length; i++) {
                tomcat.addRole(user, passwordAndRoles[i].strip());
            }
        }
    }

    @AfterAll
    static void stop() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void signedInOperatorsDashboardCarriesThePanelScriptTag() {
        String page = signedIn("john").get("/dashboard.jsp").body();

        Matcher script = PANEL_SCRIPT.matcher(page);
        assertTrue(script.find(), page);
        assertAll(
                () -> assertEquals("operator-chat-panel-script", script.group(1)),
                () -> assertTrue(page.contains("<dd id=\"info-operator\">#101</dd>"), page));
    }

    @Test
    void userWithoutOperatorGetsTheFallbackAndNoPanelScript() {
        String page = signedIn("guest").get("/dashboard.jsp").body();

        assertAll(
                () -> assertFalse(PANEL_SCRIPT.matcher(page).find(), page),
                () -> assertTrue(page.contains("id=\"chat-fallback\""), page));
    }

    @Test
    void twoOrganizationsPageCarriesOnePanelScriptPerOrganization() {
        String page = signedIn("maria").get("/organizations.jsp").body();

        Matcher script = PANEL_SCRIPT.matcher(page);
        StringBuilder ids = new StringBuilder();
        while (script.find()) {
            ids.append(script.group(1)).append(' ');
        }
        assertEquals("operator-chat-panel-script-24 operator-chat-panel-script-31 ", ids.toString());
    }

    @Test
    void jstlListPageRendersOnTomcat() {
        String page = signedIn("john").get("/tickets").body();

        assertAll(
                () -> assertEquals(6, page.split("<span class=\"status status-").length - 1, page),
                () -> assertTrue(PANEL_SCRIPT.matcher(page).find(), page));
    }

    @Test
    void tokenEndpointOutsideTheLoginAnswersASignedOutPage401JsonItself() {
        FormLogin login = signedIn("john");
        login.signOut();

        HttpResponse<String> answer = login.send(HttpRequest.newBuilder(uri("/api/chathub/token")).GET());

        assertAll(
                () -> assertEquals(401, answer.statusCode(), answer.body()),
                () -> assertEquals("application/json;charset=UTF-8",
                        answer.headers().firstValue("Content-Type").orElse("").replace(" ", "")),
                () -> assertTrue(answer.body().contains("\"error\""), answer.body()));
    }

    @Test
    void wrongPasswordLandsOnTheLoginErrorPage() {
        HttpResponse<String> page = new FormLogin(DemoTomcatIT::uri).signIn("john", "not-the-password");

        assertTrue(page.body().contains("id=\"login-error\""), page.body());
    }

    private static FormLogin signedIn(String user) {
        return FormLogin.signedIn(DemoTomcatIT::uri, user);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path);
    }
}
