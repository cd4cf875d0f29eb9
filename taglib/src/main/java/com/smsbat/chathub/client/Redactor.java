package com.smsbat.chathub.client;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what ends up in exception messages: error bodies can echo a request, and a request
 * may carry the password, the company token or an operator token.
 */
final class Redactor {

    static final String MASK = "<redacted>";

    private static final int EXCERPT_LENGTH = 200;
    /** Company tokens change on every re-login; an error body may still echo one of the last few. */
    private static final int REMEMBERED_SECRETS = 8;
    /**
     * JWTs, whatever the other side calls them: three dot-separated base64url runs. A match starts only where a run
     * starts and takes runs whole (possessive): a 1 MiB body of letters is scanned once, not once per letter.
     */
    private static final Pattern JWT_LIKE = Pattern.compile(
            "(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]*+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Deque<String> secrets = new ArrayDeque<>();

    synchronized void remember(String secret) {
        if (secret == null || secret.isEmpty() || secrets.contains(secret)) {
            return;
        }
        if (secrets.size() == REMEMBERED_SECRETS) {
            secrets.removeLast();
        }
        secrets.addFirst(secret);
    }

    /** {@code text} with every remembered secret and every {@code extra} one replaced by {@link #MASK}. */
    String mask(String text, String... extra) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        List<String> all;
        synchronized (this) {
            all = new ArrayList<>(secrets);
        }
        for (String secret : extra) {
            if (secret != null && !secret.isEmpty()) {
                all.add(secret);
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        all.sort(Comparator.comparingInt(String::length).reversed());
        String masked = text;
        for (String secret : all) {
            masked = masked.replace(secret, MASK)
                    .replace(new String(JsonStringEncoder.getInstance().quoteAsString(secret)), MASK);
        }
        return masked;
    }

    /** At most the first 200 characters of {@code text} on one line, JWT-shaped parts masked before cutting. */
    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String flat = WHITESPACE.matcher(JWT_LIKE.matcher(text).replaceAll(MASK)).replaceAll(" ").trim();
        return flat.length() <= EXCERPT_LENGTH ? flat : flat.substring(0, EXCERPT_LENGTH);
    }
}
