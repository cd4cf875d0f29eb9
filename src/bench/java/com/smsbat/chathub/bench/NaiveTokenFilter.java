package com.smsbat.chathub.bench;

import com.smsbat.chathub.client.ChatHubClient;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The baseline: what the ChatHub documentation's server example implies, a get-token call on every page view
 * (the company token kept, as the example keeps it in an environment variable; no validation, no cache).
 * It reads the same settings and operator mapping as the library and hands the page the widget URL and the
 * token as request attributes {@code widgetUrl} and {@code token}. An upstream failure fails the page, as in
 * the example.
 */
public class NaiveTokenFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The example asks for 24 hours; a minute less keeps the request inside ChatHub's limit on arrival. */
    private static final Duration LIFETIME = Duration.ofHours(24).minusMinutes(1);

    private transient ChatHubClient client;
    private transient Properties operators;
    private String widgetUrl;

    @Override
    public void init() {
        ServletContext context = getServletContext();
        client = ChatHubClient.builder()
                .baseUri(URI.create(context.getInitParameter("chathub.api.url")))
                .credentials(context.getInitParameter("chathub.login"), context.getInitParameter("chathub.password"))
                .build();
        widgetUrl = context.getInitParameter("chathub.widget.url");
        operators = new Properties();
        try (InputStream in = context.getResourceAsStream("/WEB-INF/chathub-operators.properties")) {
            operators.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() {
        client.close();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String assignment = operators.getProperty(request.getRemoteUser());
        long operatorId = Long.parseLong(assignment.substring(assignment.indexOf(':') + 1));
        request.setAttribute("widgetUrl", widgetUrl);
        request.setAttribute("token", client.operatorToken(operatorId, Instant.now().plus(LIFETIME)).token());
        chain.doFilter(request, response);
    }
}
