package com.smsbat.chathub.internal.injection;

import jakarta.servlet.http.HttpServletResponse;

import java.util.Collection;
import java.util.Locale;

/**
 * Keeps a response that carries (or may carry) an operator's token out of shared caches — proxies and CDNs —
 * for the widget tag and zero-touch injection alike. A container adds nothing of the kind on its own to a page
 * outside a security constraint (Jetty adds nothing even inside one), and an application's login of its own is
 * never behind one.
 *
 * <p>The application's own {@code Cache-Control} directives stay, in one header: {@code private} is added unless
 * a bare {@code private} or a {@code no-store} is already there, and a {@code public} is turned into
 * {@code private} (it says the opposite; any other directive, {@code max-age} or {@code no-cache} among them, is
 * the application's business and may still apply to the browser's own cache). CDN-only headers, which such caches
 * obey before {@code Cache-Control}, get {@code no-store}: {@code Surrogate-Control} and {@code CDN-Cache-Control}
 * (RFC 9213).
 */
public final class CacheHeaders {

    static final String CACHE_CONTROL = "Cache-Control";

    private CacheHeaders() {
    }

    /** Keeps the response out of shared caches, if it is not committed yet (afterwards headers cannot change). */
    public static void keepOutOfSharedCaches(HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        Collection<String> values = response.getHeaders(CACHE_CONTROL);
        // Most pages have no Cache-Control: nothing to parse.
        String merged = values.isEmpty() ? "private" : privateCacheControl(String.join(", ", values));
        if (merged != null) {
            response.setHeader(CACHE_CONTROL, merged);
        }
        response.setHeader("Surrogate-Control", "no-store");
        response.setHeader("CDN-Cache-Control", "no-store");
    }

    /**
     * The application's Cache-Control directives made private, or null when they already keep the response out of
     * shared caches.
     */
    static String privateCacheControl(String cacheControl) {
        StringBuilder merged = new StringBuilder(cacheControl.length() + 9);
        boolean wasPublic = false;
        for (String directive : cacheControl.split(",")) {
            String trimmed = directive.trim();
            String name = trimmed.toLowerCase(Locale.ROOT);
            // private="field" only hides the named fields; the body stays shareable.
            if (name.equals("private") || name.equals("no-store")) {
                return null;
            }
            if (name.equals("public")) {
                wasPublic = true;
                trimmed = "private";
            }
            if (!trimmed.isEmpty()) {
                merged.append(merged.length() == 0 ? "" : ", ").append(trimmed);
            }
        }
        if (!wasPublic) {
            merged.append(merged.length() == 0 ? "" : ", ").append("private");
        }
        return merged.toString();
    }
}
