package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.web.ChatHubWeb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.JspFragment;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;

import java.io.IOException;
import java.io.StringWriter;

/**
 * {@code <chathub:widget/>}: writes the current user's ChatHub operator panel, or the tag's body as the
 * fallback when there is no panel to show (anonymous user, no operator, ChatHub unavailable in time).
 * A page gets at most one panel per organization however often the tag appears.
 */
public class WidgetTag extends SimpleTagSupport {

    private String organization;
    private String nonce;
    private boolean renew = true;
    private String loading;

    /** @param organization organization id or name; the script id then ends with {@code -<organization id>} */
    public void setOrganization(String organization) {
        this.organization = organization;
    }

    /**
     * @param nonce CSP nonce for the script tags; by default the request attribute named by
     *              {@code chathub.csp.nonce-attribute}
     */
    public void setNonce(String nonce) {
        this.nonce = nonce;
    }

    /** @param renew {@code false}: this page does not renew the token in the browser */
    public void setRenew(boolean renew) {
        this.renew = renew;
    }

    /** @param loading text shown where the panel will be while the widget script loads; none by default */
    public void setLoading(String loading) {
        this.loading = loading;
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext page = (PageContext) getJspContext();
        // The body is rendered first, so that its own JspException and IOException reach the page as they are.
        String body = body();
        ChatHubWeb.writeWidget(page.getServletContext(), (HttpServletRequest) page.getRequest(),
                (HttpServletResponse) page.getResponse(), page.getOut(), organization, nonce, renew, loading, body);
    }

    /** The body rendered, or {@code null} when the tag has none. */
    private String body() throws JspException, IOException {
        JspFragment body = getJspBody();
        if (body == null) {
            return null;
        }
        // Room for a typical fallback paragraph, so that rendering it does not grow the buffer several times.
        StringWriter rendered = new StringWriter(256);
        body.invoke(rendered);
        return rendered.toString();
    }
}
