package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.apache.catalina.util.ServerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Security 6 application as the issue found it on Debian's Tomcat 10.1: XML configuration,
 * {@code DelegatingFilterProxy} in {@code web.xml}, form login, CSRF, {@code ROLE_} authorities, and the library
 * with no setting about Spring at all. Runs in its own surefire execution ({@code spring-security}), the only one
 * with Spring on its class path.
 */
class SpringSecurityIT {

    private static final String WEB_XML = """
              <context-param><param-name>contextConfigLocation</param-name><param-value>/WEB-INF/security.xml</param-value></context-param>
              <listener><listener-class>org.springframework.web.context.ContextLoaderListener</listener-class></listener>
              <filter>
                <filter-name>springSecurityFilterChain</filter-name>
                <filter-class>org.springframework.web.filter.DelegatingFilterProxy</filter-class>
              </filter>
              <filter-mapping><filter-name>springSecurityFilterChain</filter-name><url-pattern>/*</url-pattern></filter-mapping>
            """;

    private static final String SECURITY_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans:beans xmlns="http://www.springframework.org/schema/security"
                xmlns:beans="http://www.springframework.org/schema/beans"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd
                    http://www.springframework.org/schema/security https://www.springframework.org/schema/security/spring-security.xsd">
              <http>
                <intercept-url pattern="/login" access="permitAll"/>
                <intercept-url pattern="/**" access="authenticated"/>
                <form-login/>
                <logout/>
              </http>
              <authentication-manager>
                <authentication-provider>
                  <user-service>
                    <user name="john" password="{noop}pw" authorities="ROLE_SUPPORT"/>
                    <user name="sales" password="{noop}pw" authorities="ROLE_SALES"/>
                  </user-service>
                </authentication-provider>
              </authentication-manager>
            </beans:beans>
            """;

    /** The panel, and the application's own sign-out form with Spring's CSRF token. */
    private static final String PAGE = ChatHubApps.page(ChatHubApps.widget()
            + "<form method=\"post\" action=\"logout\"><input type=\"hidden\" name=\"${_csrf.parameterName}\" value=\"${_csrf.token}\"><button>Sign out</button></form>");

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:type=\"hidden\" )?value=\"([^\"]+)\"");

    private static ChatHubSandbox sandbox;
    private static ChatHubClient chatHub;
    private static TestContainer app;

    @BeforeAll
    static void start() {
        assertTrue(ServerInfo.getServerNumber().startsWith("10.1."), ServerInfo.getServerInfo());
        sandbox = ChatHubSandbox.start();
        chatHub = ChatHubClient.builder().baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.role", "SUPPORT");
        app = TestContainer.start(TestWebapp.create()
                .webXml(ChatHubApps.contextParams(settings) + WEB_XML)
                .file("WEB-INF/security.xml", SECURITY_XML)
                .file("WEB-INF/chathub-operators.properties", ChatHubApps.MAPPING)
                .file("page.jsp", PAGE));
    }

    @AfterAll
    static void stop() {
        app.close();
        chatHub.close();
        sandbox.close();
    }

    /** Signs in through Spring's generated login form, CSRF token included. */
    private static TestHttp signedIn(String user) {
        TestHttp browser = TestHttp.anonymous();
        String csrf = csrf(browser.get(app.uri("/login")).body());
        HttpResponse<String> login = post(browser, "/login", "username=" + user + "&password=pw&_csrf=" + csrf);
        assertEquals(302, login.statusCode());
        assertFalse(login.headers().firstValue("Location").orElse("").contains("error"), login.headers()::toString);
        return browser;
    }

    private static HttpResponse<String> post(TestHttp browser, String path, String form) {
        return browser.send(browser.request(app.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertTrue(matcher.find(), html);
        return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void userWithTheRolesAuthorityGetsThePanelOfTheirOperator() {
        String html = signedIn("john").get(app.uri("/page.jsp")).body();

        assertEquals(101L, chatHub.validateToken(scripts(html).get(0).token()).operatorId(), html);
    }

    @Test
    void userWithoutTheRolesAuthorityGetsTheFallbackAndA403() {
        TestHttp browser = signedIn("sales");

        String html = browser.get(app.uri("/page.jsp")).body();
        int status = browser.get(app.uri("/api/chathub/token")).statusCode();

        assertTrue(html.contains(FALLBACK) && scripts(html).isEmpty(), html);
        assertEquals(403, status);
    }

    @Test
    void tokenEndpointStopsAnsweringAfterSpringsLogout() {
        TestHttp browser = signedIn("john");
        String page = browser.get(app.uri("/page.jsp")).body();
        assertEquals(200, browser.get(app.uri("/api/chathub/token")).statusCode());

        HttpResponse<String> logout = post(browser, "/logout", "_csrf=" + csrf(page));
        HttpResponse<String> after = browser.get(app.uri("/api/chathub/token"));

        assertEquals(302, logout.statusCode());
        assertTrue(logout.headers().firstValue("Location").orElse("").endsWith("/login?logout"), logout.headers()::toString);
        assertTrue(after.statusCode() == 401 || after.statusCode() == 302
                && after.headers().firstValue("Location").orElse("").endsWith("/login"), after.statusCode() + " " + after.body());
        assertFalse(after.body().contains("\"token\""), after.body());
    }

    @Test
    void logoutWithoutTheCsrfTokenLeavesThePanelAlone() {
        TestHttp browser = signedIn("john");

        HttpResponse<String> forged = post(browser, "/logout", "");

        assertEquals(403, forged.statusCode());
        assertEquals(200, browser.get(app.uri("/api/chathub/token")).statusCode());
    }
}
