package com.smsbat.chathub.internal.injection;

import jakarta.servlet.http.HttpServletResponse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * What a response's status and headers say about its body: whether it is a page the browser shows as the
 * application's own, and whether its bytes can be searched for an ASCII {@code </body>}. Static and allocation-free
 * on the common path, because every response written through the injector asks.
 */
final class PageHeaders {

    private static final String CONTENT_DISPOSITION = "Content-Disposition";
    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    private static final String ASCII = asciiCharacters();

    private PageHeaders() {
    }

    /**
     * Whether the response, given whether its type qualifies, is one the markup may go into: a page of status 200
     * the browser shows as the application's own (not a download, not a sandboxed document, whose origin is not
     * the application's), not compressed below the filter, and whose bytes, if written as bytes, can be scanned.
     * The headers are read from the container's response because a filter around the injector may have set them.
     */
    static boolean qualifies(HttpServletResponse container, boolean htmlType, boolean encoded, boolean bytesWritten) {
        return htmlType
                && container.getStatus() == HttpServletResponse.SC_OK
                && !encoded
                && (!bytesWritten || asciiCompatible(container.getCharacterEncoding()))
                && !isAttachment(container.getHeader(CONTENT_DISPOSITION))
                && (container.getHeader(CONTENT_SECURITY_POLICY) == null
                        || !sandboxes(container.getHeaders(CONTENT_SECURITY_POLICY)));
    }

    /** Whether a Content-Disposition says the body is a download, to be saved rather than shown. */
    static boolean isAttachment(String contentDisposition) {
        if (contentDisposition == null) {
            return false;
        }
        int end = contentDisposition.indexOf(';');
        String type = end < 0 ? contentDisposition : contentDisposition.substring(0, end);
        return type.trim().equalsIgnoreCase("attachment");
    }

    /** Whether any of these Content-Security-Policy values has a {@code sandbox} directive. */
    static boolean sandboxes(Collection<String> policies) {
        for (String policy : policies) {
            // Directives are separated by ';', several policies in one value by ','.
            for (String directive : policy.split("[;,]")) {
                String trimmed = directive.trim();
                int nameEnd = 0;
                while (nameEnd < trimmed.length() && !Character.isWhitespace(trimmed.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (trimmed.substring(0, nameEnd).equalsIgnoreCase("sandbox")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a content type is {@code text/html} with any parameters; allocates nothing. A response without one
     * is not: browsers sniff such a body, and what the application did not call a page gets no token.
     */
    static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        int end = parameters < 0 ? contentType.length() : parameters;
        int start = 0;
        while (start < end && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
            end--;
        }
        return end - start == "text/html".length() && contentType.regionMatches(true, start, "text/html", 0, end - start);
    }

    /**
     * Whether bytes in this encoding can be searched for an ASCII {@code </body>} and have ASCII markup
     * inserted: UTF-8 and single-byte encodings that keep ASCII as it is. Multi-byte legacy and stateful
     * encodings (Shift_JIS, ISO-2022-JP, UTF-16) are not.
     */
    static boolean asciiCompatible(String encoding) {
        if (encoding == null) {
            return false;
        }
        try {
            Charset charset = Charset.forName(encoding);
            if (charset.equals(StandardCharsets.UTF_8)) {
                return true;
            }
            return charset.canEncode()
                    && charset.newEncoder().maxBytesPerChar() == 1.0f
                    && ASCII.equals(new String(ASCII.getBytes(charset), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String asciiCharacters() {
        StringBuilder ascii = new StringBuilder(128);
        for (char c = 0; c < 128; c++) {
            ascii.append(c);
        }
        return ascii.toString();
    }
}
