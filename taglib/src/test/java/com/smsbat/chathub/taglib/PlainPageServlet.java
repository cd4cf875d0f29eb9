package com.smsbat.chathub.taglib;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** A page nobody wants to edit: HTML printed by a servlet, no JSP, no tag. */
public class PlainPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PAGE = "<!DOCTYPE html><html><head><title>plain</title></head><body><h1>Orders</h1>"
            + "<p>Printed by a servlet.</p></body></html>";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html; charset=UTF-8");
        response.getWriter().write(PAGE);
    }
}
