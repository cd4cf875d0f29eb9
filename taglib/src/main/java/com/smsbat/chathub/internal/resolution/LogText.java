package com.smsbat.chathub.internal.resolution;

/**
 * Values that came from users (user names, display names, client addresses) as they go into a log line: a name
 * holding a line break must not start a line of its own that reads like one the library wrote.
 */
public final class LogText {

    private LogText() {
    }

    /**
     * {@code value} with every C0 and C1 control character (CR and LF among them), DEL and the Unicode line and
     * paragraph separators written as {@code \\uXXXX}; {@code "null"} for {@code null}.
     */
    public static String escape(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}
