package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.client.OperatorToken;

/**
 * What one place in a page gets for a panel, decided before anything is written: the panel — its token and what
 * the browser module needs around it — or the fallback, or nothing at all when the page already shows that
 * organization's panel. {@link Panels#write} only writes it. Holds a token, so it never prints one.
 */
public final class PanelMarkup {

    private static final PanelMarkup NOTHING = new PanelMarkup(null, null, false, null, null, false, "");

    private final OperatorToken token;
    private final Long namedOrganizationId;
    private final boolean withModule;
    private final String nonce;
    private final String loading;
    private final boolean renewing;
    private final String fallback;

    private PanelMarkup(OperatorToken token, Long namedOrganizationId, boolean withModule, String nonce,
            String loading, boolean renewing, String fallback) {
        this.token = token;
        this.namedOrganizationId = namedOrganizationId;
        this.withModule = withModule;
        this.nonce = blankToNull(nonce);
        this.loading = blankToNull(loading);
        this.renewing = renewing;
        this.fallback = fallback == null ? "" : fallback;
    }

    /** No panel here: {@code html} (already HTML: the tag's rendered body or {@code chathub.fallback}), or nothing. */
    public static PanelMarkup fallback(String html) {
        return html == null || html.isEmpty() ? NOTHING : new PanelMarkup(null, null, false, null, null, false, html);
    }

    /** Nothing: the page already has this organization's panel. */
    public static PanelMarkup nothing() {
        return NOTHING;
    }

    /**
     * A panel.
     *
     * @param namedOrganizationId the organization the tag named (its id then ends the script id, so that several
     *                            panels can share a page), or {@code null} for the default one
     * @param withModule          whether the browser module's script tag goes first: the page's first panel
     * @param nonce               the CSP nonce for the script tags, or {@code null}/blank for none
     * @param loading             text shown where the panel will be while the widget loads, or {@code null}/blank
     * @param renewing            whether the page renews the token in the browser
     * @param fallback            HTML kept for the browser module to show when the panel goes, or {@code null}
     */
    public static PanelMarkup panel(OperatorToken token, Long namedOrganizationId, boolean withModule, String nonce,
            String loading, boolean renewing, String fallback) {
        return new PanelMarkup(token, namedOrganizationId, withModule, nonce, loading, renewing, fallback);
    }

    /** Whether this is a panel, that is, whether writing it writes a token. */
    public boolean hasPanel() {
        return token != null;
    }

    OperatorToken token() {
        return token;
    }

    Long namedOrganizationId() {
        return namedOrganizationId;
    }

    boolean withModule() {
        return withModule;
    }

    String nonce() {
        return nonce;
    }

    String loading() {
        return loading;
    }

    boolean renewing() {
        return renewing;
    }

    String fallback() {
        return fallback;
    }

    @Override
    public String toString() {
        return hasPanel() ? "PanelMarkup[panel, organization=" + (namedOrganizationId == null ? "default"
                : namedOrganizationId) + ", module=" + withModule + ", renewing=" + renewing + "]"
                : fallback.isEmpty() ? "PanelMarkup[nothing]" : "PanelMarkup[fallback]";
    }

    private static String blankToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value;
    }
}
