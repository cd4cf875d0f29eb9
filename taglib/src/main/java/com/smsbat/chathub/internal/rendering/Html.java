package com.smsbat.chathub.internal.rendering;

/**
 * Encoding of values written into HTML, named by the context they go into (as the OWASP Java Encoder does). Both
 * encode the same five characters: enough for element content, and for attribute values, which this library always
 * double-quotes.
 */
final class Html {

    private Html() {
    }

    /** A value for a double-quoted attribute. */
    static String forAttribute(String value) {
        return encode(value);
    }

    /** A value for the text content of an element (not of a script, style or other raw text element). */
    static String forContent(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = replacement(c);
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&#34;";
            case '\'':
                return "&#39;";
            default:
                return null;
        }
    }
}
