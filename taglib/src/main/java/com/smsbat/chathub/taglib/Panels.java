package com.smsbat.chathub.taglib;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The one place that decides what a page gets for a panel, for the widget tag and for zero-touch
 * injection alike: the widget's script tag (with everything the browser renewal module needs), nothing
 * when the page already has that organization's panel, or the fallback.
 */
final class Panels {

    static final String SCRIPT_ID = "operator-chat-panel-script";
    static final String RENEWAL_MODULE = "/chathub/token-renewal.js";

    private Panels() {
    }

    /** This request's ChatHub state, or {@code null} when the library is off in this application. */
    static ChatHubRequest request(HttpServletRequest request, ServletContext context) {
        ChatHubRuntime runtime = ChatHubRuntime.of(context);
        return runtime == null ? null : ChatHubRequest.of(request, runtime);
    }

    /**
     * @param organization id or name from the tag, or {@code null} for the default; when given, the script
     *                     id carries the organization id so that several panels can share the page
     * @param nonce        CSP nonce from the tag, or {@code null} to use the request's
     * @param renew        whether the page may renew the token in the browser (if the application allows it)
     * @param fallback     the markup to show when there is no panel (evaluated only then)
     */
    static String render(ChatHubRequest state, String organization, String nonce, boolean renew,
                         Supplier<String> fallback) {
        if (state == null) {
            return orEmpty(fallback.get());
        }
        var panel = state.panel(organization);
        if (panel.isEmpty()) {
            return orEmpty(fallback.get());
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
        boolean renewing = renew && config.renewal() && config.endpointEnabled();
        String renewal = "";
        String template = "";
        String renewalModule = "";
        if (renewing) {
            String tokenUrl = request.getContextPath() + config.endpointPath() + (explicit ? "?org=" + organizationId : "");
            renewal = " data-chathub-expires-at=\"" + isoInstant(panel.get().token().expiresAt()) + '"'
                    + " data-chathub-token-url=\"" + Html.attribute(tokenUrl) + '"'
                    + " data-chathub-renew-before=\"" + runtime.browserRenewBefore() + '"';
            String fallbackHtml = orEmpty(fallback.get());
            if (!fallbackHtml.isEmpty()) {
                template = "<template data-chathub-fallback-for=\"" + Html.attribute(id) + "\">" + fallbackHtml
                        + "</template>";
            }
            if (state.claimRenewalScript()) {
                renewalModule = "<script type=\"module\" src=\"" + Html.attribute(request.getContextPath() + RENEWAL_MODULE)
                        + '"' + nonceAttribute + "></script>";
            }
        }
        // One concatenation: the markup is allocated once, at its exact size.
        return "<script type=\"module\" id=\"" + Html.attribute(id)
                + "\" src=\"" + Html.attribute(runtime.widgetUrl().toString())
                + "\" token=\"" + Html.attribute(panel.get().token().token()) + '"' + nonceAttribute + renewal
                + "></script>" + template + renewalModule;
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
