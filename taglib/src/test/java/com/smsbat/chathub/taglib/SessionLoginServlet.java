package com.smsbat.chathub.taglib;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * Plays a legacy application's home-grown login: {@code /login?user=…&operator=…&name=…} puts those into
 * the session attributes {@code user}, {@code chathub.operator} and {@code displayName};
 * {@code /login?account=…&agent=true} puts an {@link Account} into {@code currentUser}; {@code /logout}
 * ends the session.
 */
public class SessionLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // HTML with an icon of its own, so a browser does not ask the server root for /favicon.ico.
        response.setContentType("text/html");
        if (request.getServletPath().equals("/logout")) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.getWriter().write(page("bye"));
            return;
        }
        HttpSession session = request.getSession(true);
        copy(request, session, "user", "user");
        copy(request, session, "operator", "chathub.operator");
        copy(request, session, "name", "displayName");
        String account = request.getParameter("account");
        if (account != null) {
            session.setAttribute("currentUser", new Account(account, Boolean.parseBoolean(request.getParameter("agent"))));
        }
        response.getWriter().write(page("ok"));
    }

    private static String page(String text) {
        return "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body>" + text + "</body></html>";
    }

    private static void copy(HttpServletRequest request, HttpSession session, String parameter, String attribute) {
        String value = request.getParameter(parameter);
        if (value != null) {
            session.setAttribute(attribute, value);
        }
    }
}
