package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.web.ChatHubWeb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;

/**
 * {@code <chathub:token var="t" organization="…"/>}: puts the current user's {@link WidgetToken} into the
 * page attribute {@code var} for custom markup ({@code ${t.token}}, {@code ${t.expiresAt}}), or removes
 * {@code var} when there is none. Writes nothing and does not count as a panel on the page.
 */
public class TokenTag extends SimpleTagSupport {

    private String var;
    private String organization;

    /** @param var the page-scope variable that gets the {@link WidgetToken}; removed when there is none */
    public void setVar(String var) {
        this.var = var;
    }

    /** @param organization organization id or name; by default {@code chathub.organization}, else the user's first */
    public void setOrganization(String organization) {
        this.organization = organization;
    }

    @Override
    public void doTag() {
        PageContext page = (PageContext) getJspContext();
        boolean shown = ChatHubWeb.panel(page.getServletContext(), (HttpServletRequest) page.getRequest(),
                (HttpServletResponse) page.getResponse(), organization,
                (assignment, token) -> page.setAttribute(var, new WidgetToken(assignment, token)));
        if (!shown) {
            page.removeAttribute(var, PageContext.PAGE_SCOPE);
        }
    }
}
