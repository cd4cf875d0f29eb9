package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestWebapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test web applications that use the library against a sandbox, and reading what their pages contain. */
final class ChatHubApps {

    static final String TAGLIB = "<%@ taglib prefix=\"chathub\" uri=\"https://chathub.smsbat.com/taglib\" %>";
    static final String PAGE_DIRECTIVE = "<%@ page contentType=\"text/html; charset=UTF-8\" %>";
    static final String FALLBACK = "<p class=\"fallback\">Chat is unavailable</p>";

    /** The application's own login: {@code /login?user=…} puts the user into the session attribute {@code user}; {@code /logout}. */
    static final String SESSION_LOGIN = """
              <servlet><servlet-name>login</servlet-name><servlet-class>com.smsbat.chathub.taglib.SessionLoginServlet</servlet-class></servlet>
              <servlet-mapping><servlet-name>login</servlet-name><url-pattern>/login</url-pattern><url-pattern>/logout</url-pattern></servlet-mapping>
            """;

    /** Mapped users: every test user has BASIC password "pw" and role operator. */
    static final String MAPPING = """
            john=24:101
            multi=24:102, 31:201
            sales=31:202
            inactive=24:103
            """;

    private static final Pattern SCRIPT = Pattern.compile("<script type=\"module\" id=\"([^\"]*)\" src=\"([^\"]*)\" token=\"([^\"]*)\"([^>]*)></script>");

    private ChatHubApps() {
    }

    /** A page with one widget tag (fallback body) under both / (anonymous) and /secure/ (logged in). */
    static String page(String tags) {
        return PAGE_DIRECTIVE + TAGLIB + "<!DOCTYPE html><html><head><title>t</title><link rel=\"icon\" href=\"data:,\"></head><body><main>content</main>"
                + tags + "</body></html>";
    }

    static String widget() {
        return "<chathub:widget>" + FALLBACK + "</chathub:widget>";
    }

    static Map<String, String> sandboxSettings(ChatHubSandbox sandbox) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("chathub.api.url", sandbox.baseUri().toString());
        settings.put("chathub.widget.url", sandbox.widgetScriptUri().toString());
        settings.put("chathub.login", "sandbox");
        settings.put("chathub.password", "sandbox");
        return settings;
    }

    /**
     * A webapp with {@code settings} as context-params, the standard mapping file, BASIC login on
     * /secure/*, users john, multi, sales, inactive and nobody (password "pw"), plus {@code extraWebXml}.
     */
    static TestWebapp app(Map<String, String> settings, String extraWebXml) {
        TestWebapp app = TestWebapp.create()
                .webXml(contextParams(settings) + TestWebapp.SECURE_BASIC + extraWebXml)
                .file("WEB-INF/chathub-operators.properties", MAPPING);
        for (String user : List.of("john", "multi", "sales", "inactive", "nobody")) {
            app.user(user, "pw", "operator");
        }
        return app;
    }

    /** {@code settings} as web.xml context-params. */
    static String contextParams(Map<String, String> settings) {
        StringBuilder params = new StringBuilder();
        settings.forEach((name, value) -> params.append("  <context-param><param-name>").append(name)
                .append("</param-name><param-value>").append(xml(value)).append("</param-value></context-param>\n"));
        return params.toString();
    }

    /** {@code content} both at {@code /name} (anonymous) and {@code /secure/name} (logged in). */
    static TestWebapp withPage(TestWebapp app, String name, String content) {
        return app.file(name, content).file("secure/" + name, content);
    }

    static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code html} as a browser shows it: {@code <template>} content is inert until a script uses it. */
    static String visible(String html) {
        return html.replaceAll("(?s)<template\\b.*?</template>", "");
    }

    /** Every message along {@code failure}'s causes: where a container puts the reason a deployment failed. */
    static String causeMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }

    /** The widget script tags in {@code html}, in order. */
    static List<ScriptTag> scripts(String html) {
        Matcher matcher = SCRIPT.matcher(html);
        List<ScriptTag> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(new ScriptTag(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
        }
        return found;
    }

    record ScriptTag(String id, String src, String token, String rest) {
    }
}
