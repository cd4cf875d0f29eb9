package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.internal.config.PageSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The browser module ({@code token-renewal.js}) of one application, as the filter serves it and pages load it:
 * {@code /chathub/token-renewal.<hash>.js#w=<widget URL>&e=<token endpoint>}, cached by browsers for good.
 *
 * <p>The fragment gives the module the application's widget URL and token endpoint: only the nonce-carrying tag
 * the library writes gives the module its address, so markup echoed into a page cannot hand it others. The hash
 * covers the module's bytes and the fragment: a new release of the module, or new settings, is a new address. That
 * matters beyond caching: Chromium reuses a script it holds in memory for a later page of the same tab whatever
 * that page's fragment, so the fragment of one address must never change. There is no address without the hash:
 * the tag writes the module's address, applications never do.
 */
public final class RenewalModule {

    private static final String RESOURCE = "token-renewal.js";
    private static final byte[] SHIPPED = load();

    private final byte[] content;
    private final String path;
    private final String address;

    RenewalModule(byte[] content, String settings) {
        this.content = content;
        this.path = "/chathub/token-renewal." + hash(content, settings) + ".js";
        this.address = path + '#' + settings;
    }

    /**
     * The module of the application at {@code contextPath} (its own, {@code ServletContext.getContextPath()}) with
     * {@code page} and {@code widgetUrl}.
     */
    public static RenewalModule forApplication(String contextPath, PageSettings page, URI widgetUrl) {
        String settings = "w=" + formEncoded(widgetUrl.toString())
                + (page.endpointEnabled() ? "&e=" + formEncoded(contextPath + page.endpointPath()) : "");
        return new RenewalModule(SHIPPED, settings);
    }

    /** Where the filter serves it, within the application. */
    public String path() {
        return path;
    }

    /** What pages load, within the application: the path and the settings fragment. */
    public String address() {
        return address;
    }

    /** The module's source as the jar ships it. */
    public static byte[] content() {
        return SHIPPED.clone();
    }

    /** Answers a request for {@link #path()}. */
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setContentType("text/javascript;charset=UTF-8");
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(content.length);
        if ("GET".equals(method)) {
            response.getOutputStream().write(content);
        }
    }

    /** The first 80 bits of SHA-256 over the content and the settings, in hex. */
    private static String hash(byte[] content, String settings) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha256.update(content);
        sha256.update((byte) 0);
        byte[] digest = sha256.digest(settings.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder(20);
        for (int i = 0; i < 10; i++) {
            hex.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
        }
        return hex.toString();
    }

    /** As {@code URLSearchParams} in the module reads it. */
    private static String formEncoded(String value) {
        try {
            return URLEncoder.encode(value, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("every Java platform has UTF-8", e);
        }
    }

    private static byte[] load() {
        try (InputStream in = RenewalModule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the library jar lacks " + RESOURCE);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                bytes.write(buffer, 0, read);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the library jar", e);
        }
    }
}
