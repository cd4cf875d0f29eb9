package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.internal.config.PageSettings;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes a {@link PanelMarkup} into a page, for the widget tag and zero-touch injection alike: the widget's script
 * tag with everything the browser module needs, the fallback, or nothing. What to write is decided before; this
 * class only writes it, one per application, with the parts every page of the application shares worked out once.
 *
 * <p>Every page with a panel loads the browser module ({@link RenewalModule}), renewing or not: it also
 * removes the loading state and shows the fallback when the widget script cannot load. It is written before
 * the first panel because module scripts run in document order and a panel script's {@code load} or
 * {@code error} event fires at its turn: a module written after the panel would miss them. The loading text, the
 * panel script and its fallback template are written next to each other: the module finds a panel's loading text
 * and fallback beside it, where markup echoed elsewhere into the page cannot be.
 */
public final class Panels {

    static final String SCRIPT_ID = "operator-chat-panel-script";
    /** Room for a panel's markup with a token of ChatHub's size, so that building the string rarely grows it. */
    private static final int TYPICAL_LENGTH = 1024;
    private static final AtomicReferenceArray<ExpiryText> EXPIRY_TEXTS = new AtomicReferenceArray<>(256);

    /** The browser module's script tag up to its nonce. */
    final String moduleStart;
    /** {@code "} closing the script id, then the widget's {@code src} attribute. */
    final String widgetSource;
    /** Token URL and timing attributes of a renewing panel of the default organization. */
    final String renewalAttributes;
    private final String tokenUrl;
    private final String timingAttributes;

    /**
     * @param contextPath the application's own ({@link jakarta.servlet.ServletContext#getContextPath()}), not the
     *                    one a request gives, which containers return as the client wrote it
     */
    public Panels(String contextPath, PageSettings page, URI widgetUrl, RenewalModule module) {
        this.tokenUrl = contextPath + page.endpointPath();
        this.moduleStart = "<script type=\"module\" src=\"" + Html.forAttribute(contextPath + module.address()) + '"';
        this.widgetSource = "\" src=\"" + Html.forAttribute(widgetUrl.toString()) + '"';
        this.timingAttributes = " data-chathub-renew-before=\"" + page.browserRenewBefore()
                + "\" data-chathub-check=\"" + page.renewalCheck() + '"';
        this.renewalAttributes = renewalAttributes(tokenUrl);
    }

    /**
     * Writes {@code markup} piece by piece into the page, so that it is copied once, into the page's buffer,
     * rather than built as a string first.
     */
    public void write(Writer out, PanelMarkup markup) throws IOException {
        if (!markup.hasPanel()) {
            out.write(markup.fallback());
            return;
        }
        Long organizationId = markup.namedOrganizationId();
        String id = organizationId == null ? SCRIPT_ID : SCRIPT_ID + "-" + organizationId;
        String nonceAttribute = markup.nonce() == null ? "" : " nonce=\"" + Html.forAttribute(markup.nonce()) + '"';
        if (markup.withModule()) {
            out.write(moduleStart);
            out.write(nonceAttribute);
            out.write("></script>");
        }
        if (markup.loading() != null) {
            out.write("<span class=\"chathub-loading\" role=\"status\" data-chathub-loading-for=\"");
            out.write(id);
            out.write("\">");
            out.write(Html.forContent(markup.loading()));
            out.write("</span>");
        }
        out.write("<script type=\"module\" id=\"");
        out.write(id);
        out.write(widgetSource);
        out.write(" token=\"");
        // Needs no encoding: a token is JWT-shaped (base64url and dots) or OperatorToken refuses it.
        out.write(markup.token().token());
        out.write('"');
        out.write(nonceAttribute);
        if (markup.renewing()) {
            out.write(" data-chathub-expires-at=\"");
            out.write(expiryText(markup.token().expiresAt()));
            out.write('"');
            out.write(organizationId == null ? renewalAttributes : renewalAttributes(organizationId));
        }
        out.write("></script>");
        // Kept for the browser module, which shows it when the user signs out or the widget cannot load.
        if (!markup.fallback().isEmpty()) {
            out.write("<template data-chathub-fallback-for=\"");
            out.write(id);
            out.write("\">");
            out.write(markup.fallback());
            out.write("</template>");
        }
    }

    /** {@code markup} as one string: what zero-touch inserts. */
    public String toHtml(PanelMarkup markup) {
        StringWriter html = new StringWriter(TYPICAL_LENGTH);
        try {
            write(html, markup);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return html.toString();
    }

    /** Token URL and timing attributes of a renewing panel of an organization the tag names. */
    String renewalAttributes(long organizationId) {
        return renewalAttributes(tokenUrl + "?org=" + organizationId);
    }

    private String renewalAttributes(String url) {
        return " data-chathub-token-url=\"" + Html.forAttribute(url) + '"' + timingAttributes;
    }

    /**
     * A token's expiry as {@link Instant#toString()} writes it, remembered: every page of a token's lifetime writes
     * the same one, and the formatter behind {@code toString()} allocates more than the rest of the markup. A few
     * hundred slots, each overwritten by the next expiry that lands there, bound it; it holds no tokens.
     */
    static String expiryText(Instant expiresAt) {
        int slot = expiresAt.hashCode() & (EXPIRY_TEXTS.length() - 1);
        ExpiryText remembered = EXPIRY_TEXTS.get(slot);
        if (remembered == null || !remembered.expiresAt.equals(expiresAt)) {
            remembered = new ExpiryText(expiresAt, expiresAt.toString());
            EXPIRY_TEXTS.set(slot, remembered);
        }
        return remembered.text;
    }

    private static final class ExpiryText {
        final Instant expiresAt;
        final String text;

        ExpiryText(Instant expiresAt, String text) {
            this.expiresAt = expiresAt;
            this.text = text;
        }
    }
}
