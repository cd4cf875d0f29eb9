package com.smsbat.chathub.demo;

import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Shows the project's settings reference, {@code docs/settings.md} (copied into the WAR by the build), so the demo
 * links to the settings table without a copy of it that could drift.
 */
public final class SettingsServlet extends HttpServlet {

    private static final String PAGE = "settings.md";
    private static final String SECTION = "# Settings";

    private String settingsHtml;

    @Override
    public void init() throws ServletException {
        try (InputStream in = SettingsServlet.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new UnavailableException("the build did not copy " + PAGE + " next to " + getClass().getName());
            }
            String section = MarkdownSection.extract(new String(in.readAllBytes(), StandardCharsets.UTF_8), SECTION);
            if (section.isEmpty()) {
                throw new UnavailableException(PAGE + " has no '" + SECTION + "' section");
            }
            settingsHtml = MarkdownSection.toHtml(section);
        } catch (IOException e) {
            throw new ServletException("cannot read " + PAGE, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute("settingsHtml", settingsHtml);
        request.getRequestDispatcher("/WEB-INF/jsp/settings.jsp").forward(request, response);
    }
}
