package com.smsbat.chathub.resolver;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * Says which ChatHub operators a logged-in user of the web application is. Built in: {@code mapping},
 * {@code session} and {@code directory} (setting {@code chathub.operator.resolver}); an application can name
 * its own implementation's class there instead. It needs a public no-argument constructor, is created
 * once when the filter starts, and is called from many threads at once.
 */
public interface OperatorResolver {

    /**
     * The operators {@code user} acts as, at most one per organization; empty when none. Called only for
     * logged-in users, at most once per request, and only when a page actually needs a panel.
     *
     * @param user    the logged-in user's name, as the settings find it (by default the request's remote user)
     * @param request the request that needs a panel
     * @return the user's operators, at most one per organization; empty when none
     */
    List<OperatorAssignment> resolve(String user, HttpServletRequest request);
}
