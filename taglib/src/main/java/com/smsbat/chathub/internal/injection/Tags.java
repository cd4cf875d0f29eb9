package com.smsbat.chathub.internal.injection;

/**
 * What {@link HtmlTokenizer} needs to know about units and tags, apart from its states: which units are letters and
 * white space, where a tag name and a whole tag end, and tag names kept as ASCII units, 7 bits each, in a long (up to
 * 9 units, the longest name that matters; longer names and names with other units are none of ours:
 * {@link #OTHER_NAME}). Stateless.
 */
final class Tags {

    private static final long OTHER_NAME = -1;
    static final long BODY = name("body");
    private static final long NAME_FULL = 1L << 56;
    /** First letters of the content-changing elements' names ({@code script}, raw text, RCDATA, {@code plaintext}). */
    private static final int CONTENT_CHANGING_FIRST_LETTERS = letters("instxp");
    /** Tab, line feed, form feed, carriage return and space: the tokenizer's white space. */
    private static final long SPACES = 1L << '\t' | 1L << '\n' | 1L << '\f' | 1L << '\r' | 1L << ' ';
    private static final long NAME_ENDS = SPACES | 1L << '/' | 1L << '>';

    private Tags() {
    }

    /**
     * Whether a start tag whose name starts with {@code first} and is {@code length} units long may be one that
     * changes the content model: names of 3 ({@code xmp}) to 9 ({@code plaintext}) units starting with i, n, p,
     * s, t or x. Most tags ({@code td}, {@code div}, {@code span}) are ruled out here without reading their name.
     */
    static boolean mayChangeContent(char first, int length) {
        return length >= 3 && length <= 9 && (CONTENT_CHANGING_FIRST_LETTERS >>> ((first | 0x20) - 'a') & 1) != 0;
    }

    /** The name of units {@code [from, to)}. */
    static long name(char[] units, int from, int to) {
        long name = 0;
        for (int k = from; k < to; k++) {
            name = appendName(name, units[k]);
        }
        return name;
    }

    /** Whether the four units at {@code from} are {@code body}, in any case. */
    static boolean isBody(char[] units, int from) {
        return (units[from] | 0x20) == 'b' && (units[from + 1] | 0x20) == 'o' && (units[from + 2] | 0x20) == 'd'
                && (units[from + 3] | 0x20) == 'y';
    }

    /**
     * A tag name with one more unit. Letters lose their case to {@code | 0x20}, which makes no other unit a letter;
     * a name has no unit 0 (the tokenizer makes it U+FFFD), so no two names are the same long.
     */
    static long appendName(long name, char c) {
        if (name == OTHER_NAME || name >= NAME_FULL || c == 0 || c >= 128) {
            return OTHER_NAME;
        }
        return name << 7 | (c | 0x20);
    }

    /**
     * Where a start or end tag ends, following its attributes from {@code from} (just after the name and the
     * space or {@code /} that ended it) as the attribute states do: the index after its {@code >}, or -1 when that
     * is not within {@code [from, to)}.
     */
    static int attributesEnd(char[] units, int from, int to) {
        int j = from;
        char c;
        while (true) {
            // Before an attribute name (where a quoted value also leads).
            while (j < to && (isSpace(c = units[j]) || c == '/')) {
                j++;
            }
            if (j == to) {
                return -1;
            }
            if (units[j] == '>') {
                return j + 1;
            }
            // The name: its first unit may be anything, even '='.
            j++;
            while (j < to && ((c = units[j]) > '>' || !(endsName(c) || c == '='))) {
                j++;
            }
            j = skipSpaces(units, j, to);
            if (j == to) {
                return -1;
            }
            c = units[j];
            if (c == '>') {
                return j + 1;
            }
            if (c != '=') {
                // '/' or the next name.
                continue;
            }
            j = skipSpaces(units, j + 1, to);
            if (j == to) {
                return -1;
            }
            c = units[j];
            if (c == '>') {
                return j + 1;
            }
            j++;
            if (c == '"' || c == '\'') {
                j = indexOf(units, c, j, to) + 1;
            } else {
                while (j < to && (c = units[j]) != '>' && !isSpace(c)) {
                    j++;
                }
                if (j < to && c == '>') {
                    return j + 1;
                }
            }
            if (j >= to) {
                return -1;
            }
        }
    }

    /** The index of the first {@code wanted} unit in {@code [from, to)}, or {@code to}. */
    static int indexOf(char[] units, char wanted, int from, int to) {
        int i = from;
        while (i < to && units[i] != wanted) {
            i++;
        }
        return i;
    }

    static int skipSpaces(char[] units, int from, int to) {
        int i = from;
        while (i < to && isSpace(units[i])) {
            i++;
        }
        return i;
    }

    static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isSpace(int c) {
        return c <= ' ' && (SPACES & 1L << c) != 0;
    }

    /** Whether a unit ends a tag or attribute name: space, {@code /} or {@code >}, all at most {@code '>'}. */
    static boolean endsName(char c) {
        return c <= '>' && (NAME_ENDS & 1L << c) != 0;
    }

    static int lowerCase(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    static long name(String name) {
        long code = 0;
        for (int k = 0; k < name.length(); k++) {
            code = code << 7 | name.charAt(k);
        }
        return code;
    }

    static int letters(String letters) {
        int bits = 0;
        for (int k = 0; k < letters.length(); k++) {
            bits |= 1 << letters.charAt(k) - 'a';
        }
        return bits;
    }

    static long[] names(String[] names) {
        long[] codes = new long[names.length];
        for (int k = 0; k < names.length; k++) {
            codes[k] = name(names[k]);
        }
        return codes;
    }
}
