package com.smsbat.chathub.taglib;

import java.io.Serializable;

/**
 * A legacy application's own user object, as {@link SessionLoginServlet} keeps it in the session: a bean whose
 * {@code toString()} is no name, so only an expression ({@code chathub.user}) finds who is signed in.
 */
public class Account implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String login;
    private final boolean agent;

    public Account(String login, boolean agent) {
        this.login = login;
        this.agent = agent;
    }

    public String getLogin() {
        return login;
    }

    public boolean isAgent() {
        return agent;
    }
}
