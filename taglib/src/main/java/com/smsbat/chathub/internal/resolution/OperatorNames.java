package com.smsbat.chathub.internal.resolution;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The one comparison of names the {@code directory} resolver and onboarding use (operator and organization names):
 * a user gets an operator's panel when the two names compare equal here, so nothing a user can type may make a
 * different name equal to a colleague's.
 *
 * <ul>
 *   <li><b>One normalisation, NFC.</b> {@code "e\u0301"} and {@code "\u00e9"} are the same text in Unicode and look
 *       the same; they match. NFKC is not used: it folds compatibility look-alikes (fullwidth {@code "\uFF2Bim"},
 *       superscripts, ligatures) into ASCII, so {@code "\uFF2Bim"} would become {@code "Kim"}.</li>
 *   <li><b>Canonical aliases match nothing.</b> NFC itself replaces a few characters by the ones they imitate: the
 *       KELVIN SIGN by {@code K}, OHM SIGN by {@code Ω}, ANGSTROM SIGN by {@code Å}, the GREEK QUESTION MARK by
 *       {@code ;}, CJK compatibility ideographs. A name holding one of them (Unicode's canonical singletons) is
 *       never equal to anything, so {@code "\u212Aim"} is not {@code "Kim"}.</li>
 *   <li><b>Case is folded for ASCII letters only.</b> {@code A-Z} become {@code a-z}, which maps no other character
 *       onto ASCII; every other character must match exactly. Full Unicode case folding is not safe: it makes
 *       {@code "\u212A"} a {@code k} and {@code "\u017F"} (long s) an {@code s}. So {@code "kim"} matches
 *       {@code "Kim"}, but {@code "łukasz"} does not match {@code "Łukasz"}.</li>
 *   <li>Blanks and control characters around the name are ignored ({@link String#trim()}); those inside count.</li>
 * </ul>
 */
final class OperatorNames {

    private OperatorNames() {
    }

    /** Whether {@code a} and {@code b} name the same operator (or organization); never for {@code null}. */
    static boolean same(String a, String b) {
        String key = key(a);
        return key != null && key.equals(key(b));
    }

    /** Those of {@code items} whose name ({@code nameOf}) is {@code name}, in their order. */
    static <T> List<T> named(Collection<T> items, Function<? super T, String> nameOf, String name) {
        String wanted = key(name);
        List<T> named = new ArrayList<>();
        if (wanted != null) {
            for (T item : items) {
                if (wanted.equals(key(nameOf.apply(item)))) {
                    named.add(item);
                }
            }
        }
        return named;
    }

    /**
     * The form two names are compared in, or {@code null} for a name that matches nothing (none, or one holding a
     * canonical alias).
     */
    static String key(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim();
        if (!isAscii(trimmed)) {
            if (hasCanonicalAlias(trimmed)) {
                return null;
            }
            trimmed = Normalizer.normalize(trimmed, Normalizer.Form.NFC);
        }
        return foldAsciiCase(trimmed);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether a character of {@code text} decomposes canonically into one other character (KELVIN SIGN into K). */
    private static boolean hasCanonicalAlias(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int length = Character.charCount(codePoint);
            if (codePoint >= 0x80) {
                String decomposed = Normalizer.normalize(text.substring(i, i + length), Normalizer.Form.NFD);
                if (decomposed.codePointCount(0, decomposed.length()) == 1 && decomposed.codePointAt(0) != codePoint) {
                    return true;
                }
            }
            i += length;
        }
        return false;
    }

    private static String foldAsciiCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }
}
