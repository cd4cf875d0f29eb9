package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.runtime.ChatHubOff;
import com.smsbat.chathub.internal.runtime.ChatHubRuntime;
import com.smsbat.chathub.internal.runtime.PanelState;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.LocalDate;

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
public final class Panels {

    static final String SCRIPT_ID = "operator-chat-panel-script";
    public static final String RENEWAL_MODULE = "/chathub/token-renewal.js";

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
     *
     * @param organization id or name, or {@code null} for the default; when given, the script id carries the
     *                     organization id so that several panels can share the page
     * @param nonce        CSP nonce, or {@code null} to use the request's
     * @param renew        whether the page may renew the token in the browser (if the application allows it)
     * @param loading      text shown in place of the panel while the widget script loads, or {@code null}/blank
     *                     for none
     */
    public record TagAttributes(String organization, String nonce, boolean renew, String loading) {

        /** A tag without attributes. */
        public static final TagAttributes NONE = new TagAttributes(null, null, true, null);
    }

    /**
     * What a widget tag writes: its panel, nothing when the page already has that organization's panel, or
     * {@code fallback} (the tag's rendered body, or {@code chathub.fallback}).
     */
    public static String forTag(PanelState state, TagAttributes tag, String fallback) {
        String organization = tag.organization();
        String nonce = tag.nonce();
        String loading = tag.loading();
        if (state == null) {
            return orEmpty(fallback);
        }
        var panel = state.panel(organization);
        if (panel.isEmpty()) {
            return orEmpty(fallback);
        }
        long organizationId = panel.get().assignment().organizationId();
        if (!state.claimPanel(organizationId)) {
            return "";
        }
        ChatHubRuntime runtime = state.runtime();
        ChatHubConfig config = runtime.config();
        HttpServletRequest request = state.request();
        boolean explicit = organization != null && !organization.isBlank();
        String id = explicit ? SCRIPT_ID + "-" + organizationId : SCRIPT_ID;
        String nonceAttribute = nonceAttribute(nonce != null && !nonce.isBlank() ? nonce : requestNonce(request, config));
        String module = state.claimRenewalScript()
                ? "<script type=\"module\" src=\"" + Html.attribute(request.getContextPath() + RENEWAL_MODULE) + '"'
                        + nonceAttribute + "></script>"
                : "";
        String loadingState = loading == null || loading.isBlank() ? ""
                : "<span class=\"chathub-loading\" role=\"status\" data-chathub-loading-for=\"" + Html.attribute(id)
                        + "\">" + Html.attribute(loading) + "</span>";
        String renewal = "";
        if (tag.renew() && config.renewal() && config.endpointEnabled()) {
            String tokenUrl = request.getContextPath() + config.endpointPath() + (explicit ? "?org=" + organizationId : "");
            renewal = " data-chathub-expires-at=\"" + isoInstant(panel.get().token().expiresAt()) + '"'
                    + " data-chathub-token-url=\"" + Html.attribute(tokenUrl) + '"' + runtime.renewalTimingAttributes();
        }
        // Kept for the browser module, which shows it when the user signs out or the widget cannot load.
        String fallbackHtml = orEmpty(fallback);
        String template = fallbackHtml.isEmpty() ? ""
                : "<template data-chathub-fallback-for=\"" + Html.attribute(id) + "\">" + fallbackHtml + "</template>";
        // One concatenation: the markup is allocated once, at its exact size.
        return module + loadingState + "<script type=\"module\" id=\"" + Html.attribute(id)
                + "\" src=\"" + Html.attribute(runtime.widgetUrl().toString())
                + "\" token=\"" + Html.attribute(panel.get().token().token()) + '"' + nonceAttribute + renewal
                + "></script>" + template;
    }

    /** What zero-touch writes into a page: what a tag without attributes or body would. */
    public static String forInjection(PanelState state) {
        return forTag(state, TagAttributes.NONE, null);
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
