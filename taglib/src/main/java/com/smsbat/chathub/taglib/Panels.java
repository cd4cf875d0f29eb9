package com.smsbat.chathub.taglib;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

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
     * @param organization id or name from the tag, or {@code null} for the default; when given, the script
     *                     id carries the organization id so that several panels can share the page
     * @param nonce        CSP nonce from the tag, or {@code null} to use the request's
     * @param renew        whether the page may renew the token in the browser (if the application allows it)
     * @param fallback     the markup to show when there is no panel (evaluated only then)
     */
    static String render(ChatHubRequest state, String organization, String nonce, boolean renew,
                         Supplier<String> fallback) {
        return render(state, organization, nonce, renew, null, fallback);
    }

    /**
     * @param loading text shown in place of the panel while the widget script loads, or {@code null}/blank
     *                for none
     */
    static String render(ChatHubRequest state, String organization, String nonce, boolean renew, String loading,
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
        String nonceValue = nonce != null && !nonce.isBlank() ? nonce : requestNonce(request, config);

        StringBuilder html = new StringBuilder(512);
        if (state.claimRenewalScript()) {
            html.append("<script type=\"module\" src=\"")
                    .append(Html.attribute(request.getContextPath() + RENEWAL_MODULE)).append('"');
            appendNonce(html, nonceValue);
            html.append("></script>");
        }
        if (loading != null && !loading.isBlank()) {
            html.append("<span class=\"chathub-loading\" role=\"status\" data-chathub-loading-for=\"")
                    .append(Html.attribute(id)).append("\">").append(Html.attribute(loading)).append("</span>");
        }
        html.append("<script type=\"module\" id=\"").append(Html.attribute(id))
                .append("\" src=\"").append(Html.attribute(runtime.widgetUrl().toString()))
                .append("\" token=\"").append(Html.attribute(panel.get().token().token())).append('"');
        appendNonce(html, nonceValue);
        boolean renewing = renew && config.renewal() && config.endpointEnabled();
        if (renewing) {
            String tokenUrl = request.getContextPath() + config.endpointPath()
                    + (explicit ? "?org=" + organizationId : "");
            html.append(" data-chathub-expires-at=\"").append(panel.get().token().expiresAt()).append('"')
                    .append(" data-chathub-token-url=\"").append(Html.attribute(tokenUrl)).append('"')
                    .append(" data-chathub-renew-before=\"").append(config.browserRenewBefore()).append('"')
                    .append(" data-chathub-check=\"").append(config.renewalCheck()).append('"');
        }
        html.append("></script>");
        // Kept for the browser module, which shows it when the user signs out or the widget cannot load.
        String fallbackHtml = orEmpty(fallback.get());
        if (!fallbackHtml.isEmpty()) {
            html.append("<template data-chathub-fallback-for=\"").append(Html.attribute(id)).append("\">")
                    .append(fallbackHtml).append("</template>");
        }
        return html.toString();
    }

    private static String requestNonce(HttpServletRequest request, ChatHubConfig config) {
        if (config.cspNonceAttribute().isEmpty()) {
            return null;
        }
        Object value = request.getAttribute(config.cspNonceAttribute());
        return value == null ? null : value.toString();
    }

    private static void appendNonce(StringBuilder html, String nonce) {
        if (nonce != null && !nonce.isBlank()) {
            html.append(" nonce=\"").append(Html.attribute(nonce)).append('"');
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
