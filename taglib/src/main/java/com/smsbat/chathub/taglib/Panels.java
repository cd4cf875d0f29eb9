package com.smsbat.chathub.taglib;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The one place that decides what a page gets for a panel, for the widget tag and for zero-touch
 * injection alike: the widget's script tag (with everything the browser module needs), nothing
 * when the page already has that organization's panel, or the fallback.
 *
 * <p>Every page with a panel loads the browser module ({@code token-renewal.js}), renewing or not: it also
 * removes the loading state and shows the fallback when the widget script cannot load. It is written before
 * the first panel because module scripts run in document order and a panel script's {@code load} or
 * {@code error} event fires at its turn: a module written after the panel would miss them.
 */
final class Panels {

    static final String SCRIPT_ID = "operator-chat-panel-script";
    static final String RENEWAL_MODULE = "/chathub/token-renewal.js";
    /** Room for a panel's markup with a token of ChatHub's size, so that building the string rarely grows it. */
    private static final int TYPICAL_LENGTH = 1024;
    private static final AtomicReferenceArray<ExpiryText> EXPIRY_TEXTS = new AtomicReferenceArray<>(256);

    private Panels() {
    }

    /**
     * This request's ChatHub state, or {@code null} when the library is off in this application (the first
     * time, a warning says why).
     */
    static ChatHubRequest request(HttpServletRequest request, ServletContext context) {
        ChatHubRuntime runtime = ChatHubRuntime.of(context);
        if (runtime == null) {
            ChatHubOff.warnOnce(context);
            return null;
        }
        return ChatHubRequest.of(request, runtime);
    }

    /**
     * The markup as one string, for zero-touch injection.
     *
     * @param organization id or name from the tag, or {@code null} for the default; when given, the script
     *                     id carries the organization id so that several panels can share the page
     * @param nonce        CSP nonce from the tag, or {@code null} to use the request's
     * @param renew        whether the page may renew the token in the browser (if the application allows it)
     * @param fallback     the markup to show when there is no panel (evaluated only then)
     */
    static String render(ChatHubRequest state, String organization, String nonce, boolean renew,
                         Supplier<String> fallback) {
        StringWriter markup = new StringWriter(TYPICAL_LENGTH);
        try {
            write(markup, state, organization, nonce, renew, null, fallback);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return markup.toString();
    }

    /**
     * Writes the markup piece by piece, as the tag does into its page: what the page gets is copied once, into
     * the page's buffer, rather than built as a string first.
     *
     * @param loading text shown in place of the panel while the widget script loads, or {@code null}/blank
     *                for none
     * @see #render(ChatHubRequest, String, String, boolean, Supplier) the other parameters
     */
    static void write(Writer out, ChatHubRequest state, String organization, String nonce, boolean renew,
                      String loading, Supplier<String> fallback) throws IOException {
        if (state == null) {
            out.write(orEmpty(fallback.get()));
            return;
        }
        var panel = state.panel(organization);
        if (panel.isEmpty()) {
            out.write(orEmpty(fallback.get()));
            return;
        }
        long organizationId = panel.get().assignment().organizationId();
        if (!state.claimPanel(organizationId)) {
            return;
        }
        // Kept for the browser module, which shows it when the user signs out or the widget cannot load; asked
        // before anything is written, so that a body that fails leaves nothing half-written.
        String fallbackHtml = orEmpty(fallback.get());
        ChatHubRuntime runtime = state.runtime();
        ChatHubConfig config = runtime.config();
        HttpServletRequest request = state.request();
        Fixed fixed = runtime.fixedMarkup(request.getContextPath());
        boolean explicit = organization != null && !organization.isBlank();
        String id = explicit ? SCRIPT_ID + "-" + organizationId : SCRIPT_ID;
        String nonceAttribute = nonceAttribute(nonce != null && !nonce.isBlank() ? nonce : requestNonce(request, config));
        if (state.claimRenewalScript()) {
            out.write(fixed.moduleStart);
            out.write(nonceAttribute);
            out.write("></script>");
        }
        if (loading != null && !loading.isBlank()) {
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
        if (renew && config.renewal() && config.endpointEnabled()) {
            out.write(" data-chathub-expires-at=\"");
            out.write(expiryText(panel.get().token().expiresAt()));
            out.write('"');
            out.write(explicit ? fixed.renewalAttributes(organizationId) : fixed.renewalAttributes);
        }
        out.write("></script>");
        if (!fallbackHtml.isEmpty()) {
            out.write("<template data-chathub-fallback-for=\"");
            out.write(id);
            out.write("\">");
            out.write(fallbackHtml);
            out.write("</template>");
        }
    }

    /**
     * The parts of a panel's markup that are the same on every page of an application, worked out once. The
     * context path is the one requests give (Tomcat keeps it as the client wrote it), which the links must use.
     */
    static final class Fixed {

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
            this.contextPath = contextPath;
            this.moduleStart = "<script type=\"module\" src=\"" + Html.attribute(contextPath + RENEWAL_MODULE) + '"';
            this.widgetSource = "\" src=\"" + Html.attribute(widgetUrl.toString()) + '"';
            this.tokenUrl = contextPath + config.endpointPath();
            this.timingAttributes = " data-chathub-renew-before=\"" + config.browserRenewBefore()
                    + "\" data-chathub-check=\"" + config.renewalCheck() + '"';
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
     * {@link #isoInstant} of a token's expiry, remembered: every page of a token's lifetime writes the same one. A
     * few hundred slots, each overwritten by the next expiry that lands there, bound it; it holds no tokens.
     */
    static String expiryText(Instant expiresAt) {
        int slot = expiresAt.hashCode() & (EXPIRY_TEXTS.length() - 1);
        ExpiryText remembered = EXPIRY_TEXTS.get(slot);
        if (remembered == null || !remembered.expiresAt.equals(expiresAt)) {
            remembered = new ExpiryText(expiresAt, isoInstant(expiresAt));
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

    /**
     * What {@link Instant#toString()} gives for the whole seconds a token's expiry has, without the garbage of
     * the formatter behind it (a third of a page's markup allocation); other instants as {@code toString()}.
     */
    static String isoInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int second = (int) Math.floorMod(seconds, 86_400);
        if (instant.getNano() != 0 || date.getYear() < 1000 || date.getYear() > 9999) {
            return instant.toString();
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        int hour = second / 3600;
        int minute = second / 60 % 60;
        second %= 60;
        return date.getYear() + (month < 10 ? "-0" : "-") + month + (day < 10 ? "-0" : "-") + day
                + (hour < 10 ? "T0" : "T") + hour + (minute < 10 ? ":0" : ":") + minute
                + (second < 10 ? ":0" : ":") + second + "Z";
    }

    private static String requestNonce(HttpServletRequest request, ChatHubConfig config) {
        if (config.cspNonceAttribute().isEmpty()) {
            return null;
        }
        Object value = request.getAttribute(config.cspNonceAttribute());
        return value == null ? null : value.toString();
    }

    private static String nonceAttribute(String nonce) {
        return nonce == null || nonce.isBlank() ? "" : " nonce=\"" + Html.attribute(nonce) + '"';
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
