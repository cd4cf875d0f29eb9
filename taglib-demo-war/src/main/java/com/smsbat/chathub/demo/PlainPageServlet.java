package com.smsbat.chathub.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * A page printed by a servlet, with no JSP and no ChatHub tag: the kind of page nobody dares to edit.
 * Only zero-touch mode ({@code chathub.inject=true}) puts the panel here.
 */
public final class PlainPageServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String context = request.getContextPath();
        response.setContentType("text/html; charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Plain servlet page · Acme Back Office</title>");
        out.println("<link rel=\"icon\" href=\"" + context + "/static/favicon.svg\" type=\"image/svg+xml\">");
        out.println("<link rel=\"stylesheet\" href=\"" + context + "/static/app.css\"></head>");
        out.println("<body><main class=\"page\">");
        out.println("<h1>A page written by a plain servlet</h1>");
        out.println("<p>No JSP, no header include, no <code>&lt;chathub:widget&gt;</code> tag: this servlet prints its HTML"
                + " with <code>PrintWriter.println</code>.</p>");
        out.println("<p>Started with <code>-Dchathub.inject=true</code>, the ChatHub filter writes the panel's script tag"
                + " before <code>&lt;/body&gt;</code> on its own (zero-touch mode); otherwise this page has no panel.</p>");
        out.println("<p><a href=\"" + context + "/dashboard.jsp\">Back to the dashboard</a></p>");
        out.println("</main></body></html>");
    }
}
