package com.smsbat.chathub.demo;

/** One support ticket of the demo's list page; a JavaBean because JSP EL 5 does not read records. */
public final class Ticket {

    private final int id;
    private final String customer;
    private final String subject;
    private final String status;
    private final String updated;

    Ticket(int id, String customer, String subject, String status, String updated) {
        this.id = id;
        this.customer = customer;
        this.subject = subject;
        this.status = status;
        this.updated = updated;
    }

    public int getId() {
        return id;
    }

    public String getCustomer() {
        return customer;
    }

    public String getSubject() {
        return subject;
    }

    public String getStatus() {
        return status;
    }

    public String getUpdated() {
        return updated;
    }
}
