package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestWebapp;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A back office with FORM login on everything, as the administrator ran the demo: {@code /page.jsp}
 * has the panel (fallback {@code p.fallback}), {@code /logout} signs out and lands on {@code /signed-out.html},
 * whose {@code observer.js} records in {@code window.signOuts} when a tab of the application reports a sign-out
 * on the browser module's channel. The token endpoint is inside the security constraint or outside it; or, in
 * {@link #ownSignIn}, the application signs users in itself.
 * State is static: the container, not the test, creates these objects (the webapp sees the test's classes).
 */
final class FormLoginApp {

    static final String OBSERVER = """
            // Listens where the ChatHub browser module tells the application's other tabs what it learnt.
            window.signOuts = [];
            const channel = new BroadcastChannel(`chathub:${new URL('.', import.meta.url).pathname}`);
            channel.onmessage = (event) => event.data?.kind === 'signed-out' && window.signOuts.push(Date.now());
            """;

    /** The token endpoint's path, whose requests {@link RequestLog} records. */
    static final String ENDPOINT = "/api/chathub/token";

    private FormLoginApp() {
    }

    static TestWebapp create(ChatHubSandbox sandbox, boolean endpointInsideConstraint, Map<String, String> extra) {
        String publicEndpoint = endpointInsideConstraint ? "" : "<url-pattern>/api/chathub/token</url-pattern>";
        TestWebapp app = backOffice(sandbox, extra, """
                          <security-constraint>
                            <web-resource-collection><web-resource-name>all</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>
                            <auth-constraint><role-name>operator</role-name></auth-constraint>
                          </security-constraint>
                          <security-constraint>
                            <web-resource-collection>
                              <web-resource-name>public</web-resource-name>
                              <url-pattern>/login.html</url-pattern>
                              <url-pattern>/logout</url-pattern>
                              <url-pattern>/signed-out.html</url-pattern>
                              <url-pattern>/observer.js</url-pattern>
                              %s
                            </web-resource-collection>
                          </security-constraint>
                          <login-config>
                            <auth-method>FORM</auth-method><realm-name>test</realm-name>
                            <form-login-config><form-login-page>/login.html</form-login-page><form-error-page>/login.html</form-error-page></form-login-config>
                          </login-config>
                          <security-role><role-name>operator</role-name></security-role>
                        """.formatted(publicEndpoint))
                .file("login.html", html("""
                        <form method="post" action="j_security_check">
                        <input name="j_username" id="j_username"><input name="j_password" id="j_password" type="password">
                        <button type="submit" id="sign-in">Sign in</button></form>"""));
        for (String user : List.of("john", "multi")) {
            app.user(user, "pw", "operator");
        }
        return app;
    }

    /**
     * The same back office with the application's own sign-in instead of the container's:
     * {@code /login?account=john} puts an {@link Account} into the session, where {@code chathub.user} finds it.
     */
    static TestWebapp ownSignIn(ChatHubSandbox sandbox, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("chathub.user", "${sessionScope.currentUser.login}");
        return backOffice(sandbox, settings, """
                  <servlet><servlet-name>login</servlet-name><servlet-class>com.smsbat.chathub.taglib.SessionLoginServlet</servlet-class></servlet>
                  <servlet-mapping><servlet-name>login</servlet-name><url-pattern>/login</url-pattern></servlet-mapping>
                """);
    }

    private static TestWebapp backOffice(ChatHubSandbox sandbox, Map<String, String> extra, String signIn) {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.putAll(extra);
        return TestWebapp.create()
                .webXml(ChatHubApps.contextParams(settings) + """
                          <listener><listener-class>com.smsbat.chathub.taglib.FormLoginApp$Sessions</listener-class></listener>
                        """ + RequestLog.mappedTo("hits", ENDPOINT) + """
                          <servlet><servlet-name>logout</servlet-name><servlet-class>com.smsbat.chathub.taglib.FormLoginApp$Logout</servlet-class></servlet>
                          <servlet-mapping><servlet-name>logout</servlet-name><url-pattern>/logout</url-pattern></servlet-mapping>
                        """ + signIn)
                .file("WEB-INF/chathub-operators.properties", ChatHubApps.MAPPING)
                .file("page.jsp", ChatHubApps.page(ChatHubApps.widget()))
                .file("signed-out.html", html("<p id=\"signed-out\">Signed out</p><script type=\"module\" src=\"observer.js\"></script>"))
                .file("observer.js", OBSERVER);
    }

    private static String html(String body) {
        return "<!DOCTYPE html><html><head><title>t</title><link rel=\"icon\" href=\"data:,\"></head><body>" + body
                + "</body></html>";
    }

    /**
     * Signs out the way applications do: the container's logout for a user the container signed in (an application
     * with its own sign-in has none, and Jetty refuses it then), then the session ends.
     */
    public static final class Logout extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/signed-out.html");
        }
    }

    /** Every live session, so a test can end them on the server as a timeout or an administrator would. */
    public static final class Sessions implements HttpSessionListener {

        private static final Set<HttpSession> LIVE = ConcurrentHashMap.newKeySet();

        @Override
        public void sessionCreated(HttpSessionEvent event) {
            LIVE.add(event.getSession());
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent event) {
            LIVE.remove(event.getSession());
        }

        static void invalidateAll() {
            for (HttpSession session : Set.copyOf(LIVE)) {
                try {
                    session.invalidate();
                } catch (IllegalStateException alreadyEnded) {
                    LIVE.remove(session);
                }
            }
        }
    }
}
