package com.smsbat.chathub.internal.rendering;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The browser module ({@code token-renewal.js}) as the filter serves it: at an address named after its content,
 * {@code <context>/chathub/token-renewal.<hash>.js}, cached by browsers for good. A new release of the module is
 * a new address, so no page ever runs a stale copy and no page view asks for it again (not even to revalidate).
 * There is no address without the hash: the tag writes the module's address, applications never do.
 */
public final class RenewalModule {

    private static final String RESOURCE = "token-renewal.js";
    private static final RenewalModule SHIPPED = load();

    private final byte[] content;
    private final String path;

    RenewalModule(byte[] content) {
        this.content = content.clone();
        this.path = "/chathub/token-renewal." + hash(content) + ".js";
    }

    /** The module of this jar. */
    public static RenewalModule shipped() {
        return SHIPPED;
    }

    /** Its address within the application, which changes whenever its content does. */
    public String path() {
        return path;
    }

    public byte[] content() {
        return content.clone();
    }

    /** Answers a {@code GET} or {@code HEAD} for {@link #path()}. */
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

    /** The first 80 bits of the content's SHA-256, in hex: collisions between releases are out of the question. */
    private static String hash(byte[] content) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder hex = new StringBuilder(20);
        for (int i = 0; i < 10; i++) {
            hex.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
        }
        return hex.toString();
    }

    private static RenewalModule load() {
        try (InputStream in = RenewalModule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the library jar lacks " + RESOURCE);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                bytes.write(buffer, 0, read);
            }
            return new RenewalModule(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the library jar", e);
        }
    }
}
