package com.smsbat.chathub.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference pages' exchanges, read from {@code upstream-exchanges.http} (its header says the format). */
final class UpstreamExchanges {

    /** A request or answer as the file gives it; {@code directives} are the "@…" lines, which are never sent. */
    record Message(String startLine, Map<String, String> headers, List<String> directives, String body) {

        /** The {@code @replace from => to} pairs of this message. */
        Map<String, String> replacements() {
            Map<String, String> replacements = new LinkedHashMap<>();
            for (String directive : directives) {
                if (directive.startsWith("@replace ")) {
                    String[] pair = directive.substring("@replace ".length()).split(" => ", 2);
                    replacements.put(pair[0], pair[1]);
                }
            }
            return replacements;
        }
    }

    record Exchange(String title, Message request, Message response) {

        @Override
        public String toString() {
            return title;
        }
    }

    private UpstreamExchanges() {
    }

    static List<Exchange> load() {
        try (InputStream in = UpstreamExchanges.class.getResourceAsStream("upstream-exchanges.http")) {
            if (in == null) {
                throw new IllegalStateException("upstream-exchanges.http is missing from the test resources");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Exchange> parse(String text) {
        List<Exchange> exchanges = new ArrayList<>();
        String title = null;
        List<String> request = new ArrayList<>();
        List<String> response = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("### ")) {
                if (title != null) {
                    exchanges.add(exchange(title, request, response));
                }
                title = line.substring(4).strip();
                request = new ArrayList<>();
                response = null;
            } else if (line.startsWith("#") || title == null) {
                continue;
            } else if (line.equals("--- response")) {
                response = new ArrayList<>();
            } else {
                (response == null ? request : response).add(line);
            }
        }
        if (title != null) {
            exchanges.add(exchange(title, request, response));
        }
        return List.copyOf(exchanges);
    }

    private static Exchange exchange(String title, List<String> request, List<String> response) {
        if (response == null) {
            throw new IllegalStateException("exchange \"" + title + "\" has no \"--- response\"");
        }
        return new Exchange(title, message(request), message(response));
    }

    private static Message message(List<String> lines) {
        int at = 0;
        while (lines.get(at).isBlank()) {
            at++;
        }
        String startLine = lines.get(at++).strip();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> directives = new ArrayList<>();
        for (; at < lines.size() && !lines.get(at).isBlank(); at++) {
            String line = lines.get(at);
            if (line.startsWith("@")) {
                directives.add(line.strip());
            } else {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        String body = String.join("\n", lines.subList(Math.min(at + 1, lines.size()), lines.size())).strip();
        return new Message(startLine, headers, List.copyOf(directives), body);
    }
}
