package com.smsbat.chathub.bench;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.NewOperator;
import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestWebapp;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The benchmarked web applications: a back-office page (a JSTL loop over order rows) in the variants compared,
 * behind BASIC login on {@code /secure/*}, for users {@code op1…opN} mapped to one sandbox operator each.
 */
final class BenchApp {

    static final String PASSWORD = "pw";
    /** Rows that make the page about 30 KB and 100 KB. */
    static final int PAGE_ROWS = 118;
    static final int LARGE_PAGE_ROWS = 412;
    /** Rows that make a page of about 4 KB, like a back office's short list pages. */
    static final int SMALL_PAGE_ROWS = 13;

    static final String TAG_PAGE = "/secure/tag.jsp";
    static final String PLAIN_PAGE = "/secure/plain.jsp";
    static final String NAIVE_PAGE = "/secure/naive.jsp";
    static final String LARGE_PAGE = "/secure/large.jsp";
    static final String SMALL_PAGE = "/secure/small.jsp";
    static final String SMALL_TAG_PAGE = "/secure/small-tag.jsp";
    /** Not HTML: a stylesheet served by the container's default servlet, and JSON from a servlet. */
    static final String STYLESHEET = "/secure/static/app.css";
    static final String JSON = "/secure/orders.json";

    private static final String WIDGET = """
            <%@ taglib prefix="chathub" uri="https://chathub.smsbat.com/taglib" %><chathub:widget><p class="chat-fallback">Chat is unavailable right now. Call extension 500.</p></chathub:widget>""";
    private static final String NAIVE_WIDGET = """
            <script type="module" id="operator-chat-panel-script" src="${widgetUrl}" token="${token}"></script>""";

    private static final String STYLESHEET_TEXT = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
            header.top { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #234; }
            header.top a, header.top .user { color: #fff; text-decoration: none; }
            main { padding: 1rem; }
            table.grid { border-collapse: collapse; width: 100%; }
            table.grid th, table.grid td { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; }
            table.grid tr.even { background: #f7f7f7; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            .status-0 { color: #286; } .status-1 { color: #248; } .status-2 { color: #a62; }
            footer { padding: 1rem; color: #777; font-size: 12px; }
            """;

    private BenchApp() {
    }

    static String user(int number) {
        return "op" + number;
    }

    /** A client of {@code sandbox} with its company login; the caller closes it. */
    static ChatHubClient client(ChatHubSandbox sandbox) {
        return ChatHubClient.builder().baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build();
    }

    /** Operators {@code namePrefix1…namePrefix<count>} in organization 24, in that order. */
    static List<Operator> createOperators(ChatHubSandbox sandbox, int count, String namePrefix) {
        try (ChatHubClient client = client(sandbox)) {
            return client.synchronize(IntStream.rangeClosed(1, count)
                    .mapToObj(i -> new NewOperator(24, namePrefix + i)).toList());
        }
    }

    /**
     * The library with default settings against {@code sandbox}, {@code operators.get(i)} being user
     * {@code op<i+1>}: the page with the tag, without it, with the naive baseline, the small page with the tag, and
     * the responses of {@link #withoutLibrary}; {@code settings} are added as context-params.
     */
    static TestWebapp withLibrary(ChatHubSandbox sandbox, List<Operator> operators, Map<String, String> settings) {
        StringBuilder webXml = new StringBuilder();
        param(webXml, "chathub.api.url", sandbox.baseUri().toString());
        param(webXml, "chathub.widget.url", sandbox.widgetScriptUri().toString());
        param(webXml, "chathub.login", ChatHubSandbox.LOGIN);
        param(webXml, "chathub.password", ChatHubSandbox.PASSWORD);
        settings.forEach((name, value) -> param(webXml, name, value));
        webXml.append("""
                  <filter><filter-name>naive</filter-name><filter-class>%s</filter-class></filter>
                  <filter-mapping><filter-name>naive</filter-name><url-pattern>%s</url-pattern></filter-mapping>
                """.formatted(NaiveTokenFilter.class.getName(), NAIVE_PAGE));
        StringBuilder mapping = new StringBuilder();
        for (int i = 0; i < operators.size(); i++) {
            Operator operator = operators.get(i);
            mapping.append(user(i + 1)).append("=24:").append(operator.id()).append('\n');
        }
        return withResponses(withUsers(TestWebapp.create(), operators.size()), webXml + TestWebapp.SECURE_BASIC)
                .file("WEB-INF/chathub-operators.properties", mapping.toString())
                .file(TAG_PAGE.substring(1), page(PAGE_ROWS, WIDGET))
                .file(PLAIN_PAGE.substring(1), page(PAGE_ROWS, ""))
                .file(NAIVE_PAGE.substring(1), page(PAGE_ROWS, NAIVE_WIDGET))
                .file(SMALL_TAG_PAGE.substring(1), page(SMALL_PAGE_ROWS, WIDGET));
    }

    /**
     * The responses compared with and without the library, for users {@code op1…op<users>}: the small and
     * large pages, the stylesheet and the JSON.
     */
    static TestWebapp withoutLibrary(int users) {
        return withResponses(withUsers(TestWebapp.create().withoutLibrary(), users), TestWebapp.SECURE_BASIC);
    }

    private static TestWebapp withResponses(TestWebapp app, String webXml) {
        return app.webXml(webXml + """
                  <servlet><servlet-name>json</servlet-name><servlet-class>%s</servlet-class></servlet>
                  <servlet-mapping><servlet-name>json</servlet-name><url-pattern>%s</url-pattern></servlet-mapping>
                """.formatted(JsonServlet.class.getName(), JSON))
                .file(SMALL_PAGE.substring(1), page(SMALL_PAGE_ROWS, ""))
                .file(LARGE_PAGE.substring(1), page(LARGE_PAGE_ROWS, ""))
                .file(STYLESHEET.substring(1), STYLESHEET_TEXT);
    }

    private static TestWebapp withUsers(TestWebapp app, int users) {
        for (int i = 1; i <= users; i++) {
            app.user(user(i), PASSWORD, "operator");
        }
        return app;
    }

    private static void param(StringBuilder webXml, String name, String value) {
        webXml.append("  <context-param><param-name>").append(name).append("</param-name><param-value>")
                .append(value).append("</param-value></context-param>\n");
    }

    /** A back-office order list of {@code rows} rows with {@code panel} just before {@code </body>}. */
    static String page(int rows, String panel) {
        return """
                <%@ page contentType="text/html; charset=UTF-8" %>
                <%@ taglib prefix="c" uri="jakarta.tags.core" %>
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="UTF-8">
                <title>Open orders · Back office</title>
                <link rel="stylesheet" href="${pageContext.request.contextPath}/static/app.css">
                </head>
                <body>
                <header class="top"><a class="brand" href="${pageContext.request.contextPath}/">Back office</a>
                <nav><a href="orders">Orders</a> <a href="customers">Customers</a> <a href="reports">Reports</a></nav>
                <span class="user">Signed in as <c:out value="${pageContext.request.remoteUser}"/></span></header>
                <main>
                <h1>Open orders</h1>
                <table class="grid">
                <thead><tr><th>Order</th><th>Customer</th><th>Placed</th><th>Status</th><th class="num">Amount</th><th></th></tr></thead>
                <tbody>
                <c:forEach var="i" begin="1" end="ROWS">
                <tr class="${i % 2 == 0 ? 'even' : 'odd'}">
                <td>SO-${100000 + i}</td>
                <td><c:out value="Customer ${i} & Partners <Trading> Ltd."/></td>
                <td>2025-11-${10 + i % 18}</td>
                <td><span class="status status-${i % 3}">${i % 3 == 0 ? 'Shipped' : (i % 3 == 1 ? 'Open' : 'On hold')}</span></td>
                <td class="num">${i * 37 % 1000}.${i % 90 + 10}</td>
                <td><a href="orders/${100000 + i}">Details</a></td>
                </tr>
                </c:forEach>
                </tbody>
                </table>
                </main>
                <footer><p>&copy; Example Trading Ltd. Internal use only.</p></footer>
                PANEL
                </body>
                </html>
                """.replace("ROWS", String.valueOf(rows)).replace("PANEL", panel);
    }
}
