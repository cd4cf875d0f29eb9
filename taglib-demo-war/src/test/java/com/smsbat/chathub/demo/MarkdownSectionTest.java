package com.smsbat.chathub.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkdownSectionTest {

    @Test
    void sectionRunsToTheNextHeadingOfTheSameOrHigherLevel() {
        String readme = """
                # Title
                ## Settings
                Intro.
                ### Detail
                More.
                ## Next
                Not this.
                """;

        assertEquals("Intro.\n### Detail\nMore.", MarkdownSection.extract(readme, "## Settings"));
    }

    @Test
    void missingSectionIsEmpty() {
        assertEquals("", MarkdownSection.extract("# Title\n## Other\n", "## Settings"));
    }

    @Test
    void paragraphsAndTableBecomeHtmlWithCodeEmphasisAndEscaping() {
        String section = """
                Read at start, see [Settings](#settings),
                **first** match wins.

                | setting | default |
                |---|---|
                | `chathub.fallback` | *(empty)* <b> |
                """;

        assertEquals("""
                <p>Read at start, see Settings, <strong>first</strong> match wins.</p>
                <table class="data">
                <thead><tr><th>setting</th><th>default</th></tr></thead>
                <tbody>
                <tr><td><code>chathub.fallback</code></td><td><em>(empty)</em> &lt;b&gt;</td></tr>
                </tbody></table>
                """, MarkdownSection.toHtml(section));
    }

    @Test
    void asteriskInsideCodeStaysLiteral() {
        assertEquals("<p><code>/api/*</code>, <code>*.pdf</code></p>\n", MarkdownSection.toHtml("`/api/*`, `*.pdf`"));
    }
}
