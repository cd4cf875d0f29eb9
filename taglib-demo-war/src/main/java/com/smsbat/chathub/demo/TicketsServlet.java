package com.smsbat.chathub.demo;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/** The list page the way legacy back offices build them: a servlet loads the rows and forwards to a JSP. */
public final class TicketsServlet extends HttpServlet {

    private static final List<Ticket> TICKETS = List.of(
            new Ticket(4711, "Northwind Traders", "Invoice 2024-118 charged twice", "open", "2 min ago"),
            new Ticket(4710, "Contoso Ltd", "Cannot reset password from the mobile app", "open", "14 min ago"),
            new Ticket(4708, "Fabrikam", "Delivery address change for order 5521", "waiting", "1 h ago"),
            new Ticket(4705, "Tailspin Toys", "Bulk discount not applied", "waiting", "3 h ago"),
            new Ticket(4702, "Wide World Importers", "Export of March statements", "closed", "yesterday"),
            new Ticket(4699, "Adventure Works", "Two-factor codes arrive late", "closed", "2 days ago"));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute("tickets", TICKETS);
        request.getRequestDispatcher("/WEB-INF/jsp/tickets.jsp").forward(request, response);
    }
}
