package com.smsbat.chathub.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough Markdown for one section of the docs: paragraphs and one table, with inline code, emphasis and
 * links (links keep only their text: their targets are other pages of the docs). Everything is HTML-escaped first.
 */
final class MarkdownSection {

    private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern EMPHASIS = Pattern.compile("\\*(.+?)\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)]*)\\)");
    private static final Pattern TABLE_RULE = Pattern.compile("\\|[\\s:|-]+\\|");

    private MarkdownSection() {
    }

    /** The lines after {@code heading} up to the next heading of the same or a higher level. */
    static String extract(String markdown, String heading) {
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        StringBuilder section = new StringBuilder();
        boolean inside = false;
        for (String line : markdown.split("\\R")) {
            if (inside && isHeadingUpTo(line, level.length() - 1)) {
                break;
            }
            if (inside) {
                section.append(line).append('\n');
            }
            inside |= line.strip().equals(heading);
        }
        return section.toString().strip();
    }

    private static boolean isHeadingUpTo(String line, int level) {
        int hashes = 0;
        while (hashes < line.length() && line.charAt(hashes) == '#') {
            hashes++;
        }
        return hashes > 0 && hashes <= level && line.length() > hashes && line.charAt(hashes) == ' ';
    }

    static String toHtml(String section) {
        StringBuilder html = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        List<String> table = new ArrayList<>();
        for (String line : section.split("\n")) {
            String text = line.strip();
            if (text.startsWith("|")) {
                flushParagraph(paragraph, html);
                table.add(text);
            } else if (text.isEmpty()) {
                flushParagraph(paragraph, html);
                flushTable(table, html);
            } else {
                flushTable(table, html);
                paragraph.add(text);
            }
        }
        flushParagraph(paragraph, html);
        flushTable(table, html);
        return html.toString();
    }

    private static void flushParagraph(List<String> lines, StringBuilder html) {
        if (!lines.isEmpty()) {
            html.append("<p>").append(inline(String.join(" ", lines))).append("</p>\n");
            lines.clear();
        }
    }

    private static void flushTable(List<String> rows, StringBuilder html) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<table class=\"data\">\n");
        boolean header = true;
        for (String row : rows) {
            if (TABLE_RULE.matcher(row).matches()) {
                continue;
            }
            String cellTag = header ? "th" : "td";
            html.append(header ? "<thead><tr>" : "<tr>");
            for (String cell : cells(row)) {
                html.append('<').append(cellTag).append('>').append(inline(cell)).append("</").append(cellTag).append('>');
            }
            html.append(header ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
            header = false;
        }
        html.append("</tbody></table>\n");
        rows.clear();
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** Code spans first, so that nothing inside backticks is taken for emphasis or a link. */
    private static String inline(String text) {
        String[] parts = text.split("`", -1);
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String escaped = escape(parts[i]);
            if (i % 2 == 1 && i < parts.length - 1) {
                html.append("<code>").append(escaped).append("</code>");
            } else {
                html.append(emphasis(i % 2 == 1 ? "`" + escaped : escaped));
            }
        }
        return html.toString();
    }

    private static String emphasis(String escaped) {
        String linked = LINK.matcher(escaped).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        String strong = STRONG.matcher(linked).replaceAll("<strong>$1</strong>");
        return EMPHASIS.matcher(strong).replaceAll("<em>$1</em>");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
