package com.smsbat.chathub.internal.injection;

import static com.smsbat.chathub.internal.injection.Tags.BODY;
import static com.smsbat.chathub.internal.injection.Tags.appendName;
import static com.smsbat.chathub.internal.injection.Tags.attributesEnd;
import static com.smsbat.chathub.internal.injection.Tags.endsName;
import static com.smsbat.chathub.internal.injection.Tags.indexOf;
import static com.smsbat.chathub.internal.injection.Tags.isBody;
import static com.smsbat.chathub.internal.injection.Tags.isLetter;
import static com.smsbat.chathub.internal.injection.Tags.isSpace;
import static com.smsbat.chathub.internal.injection.Tags.lowerCase;
import static com.smsbat.chathub.internal.injection.Tags.mayChangeContent;
import static com.smsbat.chathub.internal.injection.Tags.name;
import static com.smsbat.chathub.internal.injection.Tags.names;

/**
 * Follows a page through the states of the HTML tokenizer (WHATWG HTML, "Tokenization") far enough to tell a real
 * {@code </body>} end tag from those letters inside an attribute value, a comment, a {@code <script>} (escaped
 * and double-escaped script data included), {@code <style>}, {@code <textarea>}, {@code <title>} and the other
 * raw text and RCDATA elements, or after {@code <plaintext>}. State carries across writes, so a page may be split
 * anywhere. Units are bytes of an ASCII-compatible encoding or chars, in a {@code byte[]}, {@code char[]} or
 * {@code String}; only ASCII units matter to the states.
 *
 * <p>Only the literal {@code </body>} (ASCII case-insensitive) counts: that is where markup can go. Not modelled,
 * because they do not change where the tokenizer is for this purpose or are tree-building rather than tokenizing:
 * character references, foreign content ({@code <svg>}, {@code <math>}, whose CDATA sections are taken for bogus
 * comments as in HTML content), {@code <template>}.
 *
 * <p>Cost: every unit is looked at once (no shortcut can skip a unit that may be a {@code <} or a quote). A whole
 * tag within one write is followed in one go, and the states most units are seen in (text, quoted attribute
 * values, comments, script and other raw text) look for their few significant units in a tight loop over a
 * {@code char[]}. Nothing is allocated for chars; bytes and strings are copied into
 * {@value #SCRATCH_LENGTH} chars allocated once.
 *
 * <p>Not thread-safe; the owner serialises calls.
 */
final class HtmlTokenizer {

    private static final int DATA = 0;
    private static final int TAG_OPEN = 1;
    private static final int END_TAG_OPEN = 2;
    private static final int TAG_NAME = 3;
    private static final int BEFORE_ATTRIBUTE_NAME = 4;
    private static final int ATTRIBUTE_NAME = 5;
    private static final int AFTER_ATTRIBUTE_NAME = 6;
    private static final int BEFORE_ATTRIBUTE_VALUE = 7;
    private static final int DOUBLE_QUOTED_VALUE = 8;
    private static final int SINGLE_QUOTED_VALUE = 9;
    private static final int UNQUOTED_VALUE = 10;
    /** After {@code <!}. */
    private static final int MARKUP_DECLARATION = 11;
    /** After {@code <!-}. */
    private static final int COMMENT_OPEN_DASH = 12;
    private static final int COMMENT_START = 13;
    private static final int COMMENT_START_DASH = 14;
    private static final int COMMENT = 15;
    private static final int COMMENT_END_DASH = 16;
    private static final int COMMENT_END = 17;
    private static final int COMMENT_END_BANG = 18;
    private static final int BOGUS_COMMENT = 19;
    /** Raw text or RCDATA: ends only at {@code </}{@link #textEnd}. */
    private static final int TEXT = 20;
    private static final int TEXT_LESS_THAN = 21;
    private static final int SCRIPT = 22;
    private static final int SCRIPT_LESS_THAN = 23;
    private static final int ESCAPED = 24;
    private static final int ESCAPED_DASH = 25;
    private static final int ESCAPED_DASH_DASH = 26;
    private static final int ESCAPED_LESS_THAN = 27;
    private static final int DOUBLE_ESCAPED = 28;
    private static final int DOUBLE_ESCAPED_DASH = 29;
    private static final int DOUBLE_ESCAPED_DASH_DASH = 30;
    private static final int DOUBLE_ESCAPED_LESS_THAN = 31;
    /** Matching {@link #matchText} (case-insensitive), then a tag name's end if {@link #matchNeedsEnd}. */
    private static final int MATCH = 32;
    private static final int PLAINTEXT = 33;
    /** Not a state: where {@link #MATCH} goes when it matched an end tag's name. */
    private static final int END_TAG_NAMED = -1;

    private static final long SCRIPT_NAME = name("script");
    private static final String[] TEXT_ELEMENTS = {
        "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    };
    private static final long[] TEXT_ELEMENT_NAMES = names(TEXT_ELEMENTS);
    private static final long PLAINTEXT_NAME = name("plaintext");
    /** Names of fewer than three units, the shortest that changes the state ({@code xmp}), are below this. */
    private static final long SHORTEST_TEXT_ELEMENT = 1L << 14;

    /** Units other than chars are followed in pieces of this length. */
    private static final int SCRATCH_LENGTH = 128;

    private int state = DATA;
    private boolean endTag;
    private long name;
    /** The element whose end tag ends {@link #TEXT}. */
    private String textEnd;
    private String matchText;
    private int matched;
    private boolean matchNeedsEnd;
    private int matchSuccess;
    private int matchFailure;
    private char[] scratch;

    /**
     * Follows units {@code [from, to)} of a {@code byte[]}, {@code char[]} or {@code String}.
     *
     * @return the index just after the last {@code </body>} end tag completed within them, or -1; it may have
     *         started in earlier units (see {@link #pending()})
     */
    int scan(Object units, int from, int to) {
        if (units instanceof char[]) {
            return scan((char[]) units, from, to);
        }
        // Other units are followed as chars, a piece at a time: one tight loop over a char[] serves all three.
        if (scratch == null) {
            scratch = new char[SCRATCH_LENGTH];
        }
        int last = -1;
        for (int piece = from; piece < to; piece += SCRATCH_LENGTH) {
            int length = Math.min(SCRATCH_LENGTH, to - piece);
            if (units instanceof byte[]) {
                byte[] array = (byte[]) units;
                for (int k = 0; k < length; k++) {
                    scratch[k] = (char) (array[piece + k] & 0xFF);
                }
            } else {
                ((String) units).getChars(piece, piece + length, scratch, 0);
            }
            int end = scan(scratch, 0, length);
            if (end >= 0) {
                last = piece + end;
            }
        }
        return last;
    }

    /**
     * The tokenizer over chars. The states most units are seen in (text, tag and attribute names, quoted values,
     * comments, raw text) run their own loop with the state's variables in locals; the rest take one unit a turn.
     */
    private int scan(char[] units, int from, int to) {
        int state = this.state;
        long name = this.name;
        int last = -1;
        int i = from;
        while (i < to) {
            char c;
            switch (state) {
                case DATA:
                    // A whole tag within these units is followed here, in one go; anything else by the states.
                    while (true) {
                        i = indexOf(units, '<', i, to);
                        if (i == to) {
                            break;
                        }
                        i++;
                        boolean closing = i < to && units[i] == '/';
                        int nameStart = closing ? i + 1 : i;
                        if (nameStart == to || !isLetter(units[nameStart])) {
                            state = TAG_OPEN;
                            break;
                        }
                        int nameEnd = nameStart + 1;
                        while (nameEnd < to && !endsName(units[nameEnd])) {
                            nameEnd++;
                        }
                        int tagEnd = nameEnd == to ? -1
                                : units[nameEnd] == '>' ? nameEnd + 1 : attributesEnd(units, nameEnd + 1, to);
                        if (tagEnd < 0) {
                            state = TAG_OPEN;
                            break;
                        }
                        i = tagEnd;
                        if (closing) {
                            if (nameEnd - nameStart == 4 && tagEnd == nameEnd + 1 && isBody(units, nameStart)) {
                                last = tagEnd;
                            }
                        } else if (mayChangeContent(units[nameStart], nameEnd - nameStart)) {
                            state = afterStartTag(name(units, nameStart, nameEnd));
                            if (state != DATA) {
                                break;
                            }
                        }
                    }
                    break;
                case TAG_OPEN:
                    c = units[i];
                    if (isLetter(c)) {
                        state = TAG_NAME;
                        endTag = false;
                        name = 0;
                    } else {
                        state = c == '!' ? MARKUP_DECLARATION
                                : c == '/' ? END_TAG_OPEN
                                : c == '?' ? BOGUS_COMMENT
                                : DATA;
                        i += state == DATA ? 0 : 1;
                    }
                    break;
                case END_TAG_OPEN:
                    c = units[i];
                    if (isLetter(c)) {
                        state = TAG_NAME;
                        endTag = true;
                        name = 0;
                    } else if (c == '>') {
                        state = DATA;
                        i++;
                    } else {
                        state = BOGUS_COMMENT;
                    }
                    break;
                case TAG_NAME:
                    while (i < to) {
                        c = units[i++];
                        if (c == '>') {
                            // Only a name split across writes gets here: a marker is then always a bare </body>.
                            if (endTag && name == BODY) {
                                last = i;
                            }
                            state = endTag ? DATA : afterStartTag(name);
                            break;
                        } else if (isSpace(c) || c == '/') {
                            state = BEFORE_ATTRIBUTE_NAME;
                            break;
                        }
                        name = appendName(name, c);
                    }
                    break;
                case BEFORE_ATTRIBUTE_NAME:
                case AFTER_ATTRIBUTE_NAME:
                    c = units[i++];
                    if (c == '>') {
                        state = endTag ? DATA : afterStartTag(name);
                    } else if (c == '=' && state == AFTER_ATTRIBUTE_NAME) {
                        state = BEFORE_ATTRIBUTE_VALUE;
                    } else if (c == '/') {
                        state = BEFORE_ATTRIBUTE_NAME;
                    } else if (!isSpace(c)) {
                        // Before a name even '=' starts one.
                        state = ATTRIBUTE_NAME;
                    }
                    break;
                case ATTRIBUTE_NAME:
                    while (i < to) {
                        c = units[i++];
                        if (c > '>') {
                            continue;
                        }
                        if (c == '=') {
                            state = BEFORE_ATTRIBUTE_VALUE;
                        } else if (c == '>') {
                            state = endTag ? DATA : afterStartTag(name);
                        } else if (c == '/') {
                            state = BEFORE_ATTRIBUTE_NAME;
                        } else if (isSpace(c)) {
                            state = AFTER_ATTRIBUTE_NAME;
                        } else {
                            continue;
                        }
                        break;
                    }
                    break;
                case BEFORE_ATTRIBUTE_VALUE:
                    c = units[i++];
                    if (c == '"') {
                        state = DOUBLE_QUOTED_VALUE;
                    } else if (c == '\'') {
                        state = SINGLE_QUOTED_VALUE;
                    } else if (c == '>') {
                        state = endTag ? DATA : afterStartTag(name);
                    } else if (!isSpace(c)) {
                        state = UNQUOTED_VALUE;
                    }
                    break;
                case DOUBLE_QUOTED_VALUE:
                case SINGLE_QUOTED_VALUE:
                    char quote = state == DOUBLE_QUOTED_VALUE ? '"' : '\'';
                    i = indexOf(units, quote, i, to);
                    if (i < to) {
                        // After a quoted value the tokenizer goes on exactly as before an attribute name.
                        state = BEFORE_ATTRIBUTE_NAME;
                        i++;
                    }
                    break;
                case UNQUOTED_VALUE:
                    while (i < to) {
                        c = units[i++];
                        if (c == '>') {
                            state = endTag ? DATA : afterStartTag(name);
                            break;
                        }
                        if (isSpace(c)) {
                            state = BEFORE_ATTRIBUTE_NAME;
                            break;
                        }
                    }
                    break;
                case MARKUP_DECLARATION:
                    if (units[i] == '-') {
                        state = COMMENT_OPEN_DASH;
                        i++;
                    } else {
                        // DOCTYPE, CDATA and anything else but a comment end at the next '>', as bogus comments do.
                        state = BOGUS_COMMENT;
                    }
                    break;
                case COMMENT_OPEN_DASH:
                    if (units[i] == '-') {
                        state = COMMENT_START;
                        i++;
                    } else {
                        state = BOGUS_COMMENT;
                    }
                    break;
                case COMMENT_START:
                case COMMENT_START_DASH:
                    c = units[i];
                    if (c == '>') {
                        // <!--> and <!---> are whole comments.
                        state = DATA;
                        i++;
                    } else if (c == '-') {
                        state = state == COMMENT_START ? COMMENT_START_DASH : COMMENT_END;
                        i++;
                    } else {
                        state = COMMENT;
                    }
                    break;
                case COMMENT:
                    i = indexOf(units, '-', i, to);
                    if (i < to) {
                        state = COMMENT_END_DASH;
                        i++;
                    }
                    break;
                case COMMENT_END_DASH:
                    if (units[i] == '-') {
                        state = COMMENT_END;
                        i++;
                    } else {
                        state = COMMENT;
                    }
                    break;
                case COMMENT_END:
                    c = units[i];
                    if (c == '>') {
                        state = DATA;
                    } else if (c == '!') {
                        state = COMMENT_END_BANG;
                    } else if (c != '-') {
                        state = COMMENT;
                        break;
                    }
                    i++;
                    break;
                case COMMENT_END_BANG:
                    c = units[i];
                    if (c == '>') {
                        state = DATA;
                        i++;
                    } else if (c == '-') {
                        state = COMMENT_END_DASH;
                        i++;
                    } else {
                        state = COMMENT;
                    }
                    break;
                case BOGUS_COMMENT:
                    i = indexOf(units, '>', i, to);
                    if (i < to) {
                        state = DATA;
                        i++;
                    }
                    break;
                case TEXT:
                case SCRIPT:
                    i = indexOf(units, '<', i, to);
                    if (i < to) {
                        state = state == TEXT ? TEXT_LESS_THAN : SCRIPT_LESS_THAN;
                        i++;
                    }
                    break;
                case TEXT_LESS_THAN:
                    if (units[i] == '/') {
                        state = match(textEnd, true, END_TAG_NAMED, TEXT);
                        i++;
                    } else {
                        state = TEXT;
                    }
                    break;
                case SCRIPT_LESS_THAN:
                    c = units[i];
                    if (c == '/') {
                        state = match("script", true, END_TAG_NAMED, SCRIPT);
                        i++;
                    } else if (c == '!') {
                        state = match("--", false, ESCAPED_DASH_DASH, SCRIPT);
                        i++;
                    } else {
                        state = SCRIPT;
                    }
                    break;
                case ESCAPED:
                case DOUBLE_ESCAPED:
                    while (i < to && units[i] != '-' && units[i] != '<') {
                        i++;
                    }
                    if (i < to) {
                        c = units[i++];
                        state = state == ESCAPED ? (c == '-' ? ESCAPED_DASH : ESCAPED_LESS_THAN)
                                : (c == '-' ? DOUBLE_ESCAPED_DASH : DOUBLE_ESCAPED_LESS_THAN);
                    }
                    break;
                case ESCAPED_DASH:
                case ESCAPED_DASH_DASH:
                case DOUBLE_ESCAPED_DASH:
                case DOUBLE_ESCAPED_DASH_DASH:
                    state = afterEscapedDash(state, units[i++]);
                    break;
                case ESCAPED_LESS_THAN:
                    c = units[i];
                    if (c == '/') {
                        state = match("script", true, END_TAG_NAMED, ESCAPED);
                        i++;
                    } else if (isLetter(c)) {
                        // <script inside an escaped script: its </script> does not end the outer one.
                        state = match("script", true, DOUBLE_ESCAPED, ESCAPED);
                    } else {
                        state = ESCAPED;
                    }
                    break;
                case DOUBLE_ESCAPED_LESS_THAN:
                    if (units[i] == '/') {
                        state = match("script", true, ESCAPED, DOUBLE_ESCAPED);
                        i++;
                    } else {
                        state = DOUBLE_ESCAPED;
                    }
                    break;
                case MATCH:
                    c = units[i];
                    if (matched < matchText.length()) {
                        if (lowerCase(c) == matchText.charAt(matched)) {
                            matched++;
                            i++;
                            if (matched == matchText.length() && !matchNeedsEnd) {
                                state = matchSuccess;
                            }
                        } else {
                            state = matchFailure;
                        }
                    } else if (isSpace(c) || c == '/' || c == '>') {
                        i++;
                        if (matchSuccess != END_TAG_NAMED) {
                            state = matchSuccess;
                        } else if (c == '>') {
                            state = DATA;
                        } else {
                            endTag = true;
                            state = BEFORE_ATTRIBUTE_NAME;
                        }
                    } else {
                        state = matchFailure;
                    }
                    break;
                default:
                    // PLAINTEXT: nothing ends it.
                    i = to;
                    break;
            }
        }
        this.state = state;
        this.name = name;
        return last;
    }

    /**
     * How many of the units scanned last may be the start of a {@code </body>} (0 to 6); they may reach back into
     * earlier writes.
     */
    int pending() {
        if (state == TAG_OPEN) {
            return 1;
        }
        if (state == END_TAG_OPEN) {
            return 2;
        }
        if (state == TAG_NAME && endTag) {
            for (int length = 4; length >= 0; length--) {
                if (name == BODY >>> 7 * (4 - length)) {
                    return 2 + length;
                }
            }
        }
        return 0;
    }

    /** Starts over at the beginning of a page. */
    void reset() {
        state = DATA;
    }

    /** Sets up {@link #MATCH}, which it returns. */
    private int match(String text, boolean needsEnd, int success, int failure) {
        matchText = text;
        matched = 0;
        matchNeedsEnd = needsEnd;
        matchSuccess = success;
        matchFailure = failure;
        return MATCH;
    }

    /** The state after a start tag's {@code >}: the content model of the element it opens. */
    private int afterStartTag(long name) {
        if (name < SHORTEST_TEXT_ELEMENT) {
            // td, tr, p, li, br, h1: most tags end here.
            return DATA;
        }
        if (name == SCRIPT_NAME) {
            return SCRIPT;
        }
        for (int k = 0; k < TEXT_ELEMENT_NAMES.length; k++) {
            if (name == TEXT_ELEMENT_NAMES[k]) {
                textEnd = TEXT_ELEMENTS[k];
                return TEXT;
            }
        }
        return name == PLAINTEXT_NAME ? PLAINTEXT : DATA;
    }

    /** The script data (double) escaped dash states: {@code -->} returns to plain script data. */
    private static int afterEscapedDash(int state, int c) {
        boolean doubly = state == DOUBLE_ESCAPED_DASH || state == DOUBLE_ESCAPED_DASH_DASH;
        boolean twoDashes = state == ESCAPED_DASH_DASH || state == DOUBLE_ESCAPED_DASH_DASH;
        if (c == '-') {
            return doubly ? DOUBLE_ESCAPED_DASH_DASH : ESCAPED_DASH_DASH;
        }
        if (c == '<') {
            return doubly ? DOUBLE_ESCAPED_LESS_THAN : ESCAPED_LESS_THAN;
        }
        if (c == '>' && twoDashes) {
            return SCRIPT;
        }
        return doubly ? DOUBLE_ESCAPED : ESCAPED;
    }

}
