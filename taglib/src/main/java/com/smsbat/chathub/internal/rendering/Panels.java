package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.runtime.ChatHubOff;
import com.smsbat.chathub.internal.runtime.ChatHubRuntime;
import com.smsbat.chathub.internal.runtime.PanelState;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The one place that decides what a page gets for a panel, for the widget tag and for zero-touch
 * injection alike: the widget's script tag (with everything the browser module needs), nothing
 * when the page already has that organization's panel, or the fallback.
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
    private static volatile Fixed lastFixed;

    private Panels() {
    }

    /**
     * This request's ChatHub state, or {@code null} when the library is off in this application (the first
     * time, a warning says why).
     */
    public static PanelState request(HttpServletRequest request, ServletContext context) {
        ChatHubRuntime runtime = ChatHubRuntime.of(context);
        if (runtime == null) {
            ChatHubOff.warnOnce(context);
            return null;
        }
        return PanelState.of(request, runtime);
    }

    /**
     * The attributes of a {@code <chathub:widget/>} tag.
     */
    public static final class TagAttributes {
        private final String organization;
        private final String nonce;
        private final boolean renew;
        private final String loading;

        public TagAttributes(String organization, String nonce, boolean renew, String loading) {
            this.organization = organization;
            this.nonce = nonce;
            this.renew = renew;
            this.loading = loading;
        }

        /** @return id or name, or {@code null} for the default; when given, the script id carries the organization id so that several panels can share the page */
        public String organization() {
            return organization;
        }

        /** @return CSP nonce, or {@code null} to use the request's */
        public String nonce() {
            return nonce;
        }

        /** @return whether the page may renew the token in the browser (if the application allows it) */
        public boolean renew() {
            return renew;
        }

        /** @return text shown in place of the panel while the widget script loads, or {@code null}/blank for none */
        public String loading() {
            return loading;
        }

        /** A tag without attributes. */
        public static final TagAttributes NONE = new TagAttributes(null, null, true, null);
    

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof TagAttributes)) {
                return false;
            }
            TagAttributes that = (TagAttributes) other;
            return java.util.Objects.equals(organization, that.organization)
                    && java.util.Objects.equals(nonce, that.nonce)
                    && renew == that.renew
                    && java.util.Objects.equals(loading, that.loading);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(organization, nonce, renew, loading);
        }

        @Override
        public String toString() {
            return "TagAttributes[organization=" + organization + ", nonce=" + nonce + ", renew=" + renew + ", loading=" + loading + "]";
        }
    }

    /**
     * Writes what a widget tag writes, piece by piece into the page, so that the markup is copied once, into the
     * page's buffer, rather than built as a string first: its panel, nothing when the page already has that
     * organization's panel, or {@code fallback} (the tag's rendered body, or {@code chathub.fallback}).
     *
     * @param panel {@code state.panel(tag.organization())}, looked up by the caller, which must keep a page with a
     *              token out of shared caches before the token is written (see {@link CacheHeaders})
     */
    public static void forTag(Writer out, PanelState state, Optional<PanelState.Panel> panel, TagAttributes tag,
            String fallback) throws IOException {
        if (state == null || !panel.isPresent()) {
            out.write(orEmpty(fallback));
            return;
        }
        String organization = tag.organization();
        long organizationId = panel.get().assignment().organizationId();
        if (!state.claimPanel(organizationId)) {
            return;
        }
        ChatHubRuntime runtime = state.runtime();
        ChatHubConfig config = runtime.config();
        HttpServletRequest request = state.request();
        Fixed fixed = fixed(runtime, request.getServletContext().getContextPath());
        boolean explicit = organization != null && !organization.trim().isEmpty();
        String id = explicit ? SCRIPT_ID + "-" + organizationId : SCRIPT_ID;
        String nonce = tag.nonce();
        String nonceAttribute = nonceAttribute(nonce != null && !nonce.trim().isEmpty() ? nonce : requestNonce(request, config));
        if (state.claimRenewalScript()) {
            out.write(fixed.moduleStart);
            out.write(nonceAttribute);
            out.write("></script>");
        }
        String loading = tag.loading();
        if (loading != null && !loading.trim().isEmpty()) {
            out.write("<span class=\"chathub-loading\" role=\"status\" data-chathub-loading-for=\"");
            out.write(id);
            out.write("\">");
            out.write(Html.attribute(loading));
            out.write("</span>");
        }
        out.write("<script type=\"module\" id=\"");
        out.write(id);
        out.write(fixed.widgetSource);
        out.write(" token=\"");
        // Needs no encoding: a token is JWT-shaped (base64url and dots) or OperatorToken refuses it.
        out.write(panel.get().token().token());
        out.write('"');
        out.write(nonceAttribute);
        if (tag.renew() && config.page().renewal() && config.page().endpointEnabled()) {
            out.write(" data-chathub-expires-at=\"");
            out.write(expiryText(panel.get().token().expiresAt()));
            out.write('"');
            out.write(explicit ? fixed.renewalAttributes(organizationId) : fixed.renewalAttributes);
        }
        out.write("></script>");
        // Kept for the browser module, which shows it when the user signs out or the widget cannot load.
        String fallbackHtml = orEmpty(fallback);
        if (!fallbackHtml.isEmpty()) {
            out.write("<template data-chathub-fallback-for=\"");
            out.write(id);
            out.write("\">");
            out.write(fallbackHtml);
            out.write("</template>");
        }
    }

    /** What zero-touch writes into a page: what a tag without attributes or body would, as one string. */
    public static String forInjection(PanelState state) {
        StringWriter markup = new StringWriter(TYPICAL_LENGTH);
        try {
            forTag(markup, state, state.panel(null), TagAttributes.NONE, null);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return markup.toString();
    }

    /**
     * The fixed parts for this application's pages: the last ones made, unless they were made for another
     * application or context path (several applications can share the library in a server's own lib folder).
     * They are keyed by the settings and widget address objects (compared as objects: a running integration keeps
     * its own) rather than by the running integration, so that an undeployed
     * application's classes are never kept reachable from here.
     */
    private static Fixed fixed(ChatHubRuntime runtime, String contextPath) {
        Fixed fixed = lastFixed;
        if (fixed == null || fixed.config != runtime.config() || fixed.widgetUrl != runtime.widgetUrl()
                || !fixed.contextPath.equals(contextPath)) {
            fixed = new Fixed(contextPath, runtime.config(), runtime.widgetUrl());
            lastFixed = fixed;
        }
        return fixed;
    }

    /**
     * The parts of a panel's markup that are the same on every page of an application, worked out once. The
     * context path is the application's own ({@link ServletContext#getContextPath()}), not the one a request gives,
     * which containers return as the client wrote it.
     */
    static final class Fixed {

        final ChatHubConfig config;
        final URI widgetUrl;
        final String contextPath;
        /** The browser module's script tag up to its nonce. */
        final String moduleStart;
        /** {@code "} closing the script id, then the widget's {@code src} attribute. */
        final String widgetSource;
        /** Token URL and timing attributes of a renewing panel of the default organization. */
        final String renewalAttributes;
        private final String tokenUrl;
        private final String timingAttributes;

        Fixed(String contextPath, ChatHubConfig config, URI widgetUrl) {
            this.config = config;
            this.widgetUrl = widgetUrl;
            this.contextPath = contextPath;
            this.tokenUrl = contextPath + config.page().endpointPath();
            RenewalModule module = RenewalModule.forApplication(contextPath, config, widgetUrl);
            this.moduleStart = "<script type=\"module\" src=\"" + Html.attribute(contextPath + module.address()) + '"';
            this.widgetSource = "\" src=\"" + Html.attribute(widgetUrl.toString()) + '"';
            this.timingAttributes = " data-chathub-renew-before=\"" + config.page().browserRenewBefore()
                    + "\" data-chathub-check=\"" + config.page().renewalCheck() + '"';
            this.renewalAttributes = renewalAttributes(tokenUrl);
        }

        /** Token URL and timing attributes of a renewing panel of an organization the tag names. */
        String renewalAttributes(long organizationId) {
            return renewalAttributes(tokenUrl + "?org=" + organizationId);
        }

        private String renewalAttributes(String url) {
            return " data-chathub-token-url=\"" + Html.attribute(url) + '"' + timingAttributes;
        }
    }

    /**
     * A token's expiry as {@link Instant#toString()} writes it, remembered: every page of a token's lifetime writes
     * the same one, and the formatter behind {@code toString()} allocates more than the rest of the markup. A few
     * hundred slots, each overwritten by the next expiry that lands there, bound it; it holds no tokens.
     */
    static String expiryText(Instant expiresAt) {
        int slot = expiresAt.hashCode() & (EXPIRY_TEXTS.length() - 1);
        ExpiryText remembered = EXPIRY_TEXTS.get(slot);
        if (remembered == null || !remembered.expiresAt().equals(expiresAt)) {
            remembered = new ExpiryText(expiresAt, expiresAt.toString());
            EXPIRY_TEXTS.set(slot, remembered);
        }
        return remembered.text();
    }

    private static final class ExpiryText {
        private final Instant expiresAt;
        private final String text;

        ExpiryText(Instant expiresAt, String text) {
            this.expiresAt = expiresAt;
            this.text = text;
        }

        Instant expiresAt() {
            return expiresAt;
        }

        String text() {
            return text;
        }
    }

    private static String requestNonce(HttpServletRequest request, ChatHubConfig config) {
        if (config.page().cspNonceAttribute().isEmpty()) {
            return null;
        }
        Object value = request.getAttribute(config.page().cspNonceAttribute());
        return value == null ? null : value.toString();
    }

    private static String nonceAttribute(String nonce) {
        return nonce == null || nonce.trim().isEmpty() ? "" : " nonce=\"" + Html.attribute(nonce) + '"';
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
