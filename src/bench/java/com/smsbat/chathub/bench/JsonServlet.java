package com.smsbat.chathub.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/** A small JSON answer of the kind a back office's pages fetch: never HTML, so never a place for a panel. */
public class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.write("{\"user\":\"");
        out.write(String.valueOf(request.getRemoteUser()));
        out.write("\",\"orders\":[");
        for (int i = 1; i <= 10; i++) {
            out.write(i == 1 ? "{\"id\":" : ",{\"id\":");
            out.write(Integer.toString(100_000 + i));
            out.write(",\"status\":\"open\",\"amount\":\"");
            out.write(Integer.toString(i * 37 % 1000));
            out.write(".50\"}");
        }
        out.write("]}");
    }
}
