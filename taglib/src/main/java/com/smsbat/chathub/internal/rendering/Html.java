package com.smsbat.chathub.internal.rendering;

/** Encoding for values written into HTML attributes (always double-quoted by this library). */
final class Html {

    private Html() {
    }

    static String attribute(String value) {
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
