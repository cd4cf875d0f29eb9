package com.smsbat.chathub.taglib;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import java.io.IOException;

/** A legacy javax servlet that writes a whole HTML page and knows nothing of ChatHub (see {@link JavaxWebappIT}). */
public class JavaxPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String MAIN = "<main>plain servlet page</main>";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><head><title>plain</title></head><body>" + MAIN + "</body></html>");
    }
}
