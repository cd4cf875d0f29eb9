package com.smsbat.chathub.taglib;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.JspFragment;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

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

    /** Organization id or name; the script id then ends with {@code -<organization id>}. */
    public void setOrganization(String organization) {
        this.organization = organization;
    }

    /** CSP nonce for the script tags; by default the request attribute named by {@code chathub.csp.nonce-attribute}. */
    public void setNonce(String nonce) {
        this.nonce = nonce;
    }

    /** {@code false}: this page does not renew the token in the browser. */
    public void setRenew(boolean renew) {
        this.renew = renew;
    }

    /** Text shown where the panel will be while the widget script loads; none by default. */
    public void setLoading(String loading) {
        this.loading = loading;
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext page = (PageContext) getJspContext();
        ChatHubRequest state = Panels.request((HttpServletRequest) page.getRequest(), page.getServletContext());
        String fallbackSetting = state == null ? "" : state.runtime().config().fallback();
        try {
            Panels.write(page.getOut(), state, organization, nonce, renew, loading, () -> fallback(fallbackSetting));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (BodyFailed e) {
            throw e.getCause();
        }
    }

    private String fallback(String fallbackSetting) {
        JspFragment body = getJspBody();
        if (body == null) {
            return fallbackSetting;
        }
        StringWriter rendered = new StringWriter();
        try {
            body.invoke(rendered);
        } catch (JspException e) {
            throw new BodyFailed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String html = rendered.toString();
        return html.isBlank() ? fallbackSetting : html;
    }

    /** Carries the body's own {@link JspException} through the fallback supplier, to be thrown as it was. */
    private static final class BodyFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BodyFailed(JspException cause) {
            super(cause);
        }

        @Override
        public synchronized JspException getCause() {
            return (JspException) super.getCause();
        }
    }
}
