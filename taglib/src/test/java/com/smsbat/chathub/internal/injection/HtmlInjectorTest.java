package com.smsbat.chathub.internal.injection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exclusions: servlet url-pattern syntax, matched against the path within the application. */
class HtmlInjectorTest {

    @Test
    void pathPatternExcludesItsDirectoryAndEverythingBelow() {
        HtmlInjector injector = new HtmlInjector(List.of("/api/*"));

        assertTrue(injector.excludes("/api"));
        assertTrue(injector.excludes("/api/"));
        assertTrue(injector.excludes("/api/v1/users"));
        assertFalse(injector.excludes("/apiary"));
        assertFalse(injector.excludes("/app/api"));
    }

    @Test
    void extensionPatternLooksAtTheLastSegment() {
        HtmlInjector injector = new HtmlInjector(List.of("*.pdf"));

        assertTrue(injector.excludes("/reports/q1.pdf"));
        assertFalse(injector.excludes("/reports.pdf/index.html"));
        assertFalse(injector.excludes("/q1.pdfx"));
    }

    @Test
    void exactPatternMatchesOnlyItself() {
        HtmlInjector injector = new HtmlInjector(List.of("/login.jsp"));

        assertTrue(injector.excludes("/login.jsp"));
        assertFalse(injector.excludes("/login.jsp/x"));
        assertFalse(injector.excludes("/admin/login.jsp"));
    }

    @Test
    void emptyPatternIsTheContextRootAndSlashStarIsEverything() {
        assertTrue(new HtmlInjector(List.of("")).excludes("/"));
        assertFalse(new HtmlInjector(List.of("")).excludes("/index.jsp"));
        assertTrue(new HtmlInjector(List.of("/*")).excludes("/any/thing"));
    }

    @Test
    void blanksAroundPatternsAreIgnored() {
        HtmlInjector injector = new HtmlInjector(List.of(" /api/* ", "\t*.pdf"));

        assertTrue(injector.excludes("/api/x"));
        assertTrue(injector.excludes("/x.pdf"));
    }

    @Test
    void noPatternsExcludeNothing() {
        assertFalse(new HtmlInjector(List.of()).excludes("/"));
    }

    @Test
    void invalidPatternsAreRejectedByName() {
        for (String invalid : List.of("api/*", "/api/*/x", "/a*b", "*.", "*.a/b", "**.pdf", "/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HtmlInjector(List.of("/ok/*", invalid)), invalid);
            assertTrue(e.getMessage().contains("\"" + invalid + "\""), e.getMessage());
        }
    }

    @Test
    void slashAloneIsRejectedAsAmbiguous() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HtmlInjector(List.of("/")));

        assertEquals("url-pattern \"/\" is ambiguous here: use \"/*\" for every path or \"\" for the context root",
                e.getMessage());
    }
}
