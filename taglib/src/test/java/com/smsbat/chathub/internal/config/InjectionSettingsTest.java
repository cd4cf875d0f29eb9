package com.smsbat.chathub.internal.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exclusions: servlet url-pattern syntax, matched against the path within the application. */
class InjectionSettingsTest {

    /** The injector's question: whether one of the patterns matches the path. */
    private static Predicate<String> excluding(List<String> patterns) {
        List<Predicate<String>> parsed = InjectionSettings.patterns(patterns);
        return path -> parsed.stream().anyMatch(pattern -> pattern.test(path));
    }


    @Test
    void pathPatternExcludesItsDirectoryAndEverythingBelow() {
        Predicate<String> injector = excluding(List.of("/api/*"));

        assertTrue(injector.test("/api"));
        assertTrue(injector.test("/api/"));
        assertTrue(injector.test("/api/v1/users"));
        assertFalse(injector.test("/apiary"));
        assertFalse(injector.test("/app/api"));
    }

    @Test
    void extensionPatternLooksAtTheLastSegment() {
        Predicate<String> injector = excluding(List.of("*.pdf"));

        assertTrue(injector.test("/reports/q1.pdf"));
        assertFalse(injector.test("/reports.pdf/index.html"));
        assertFalse(injector.test("/q1.pdfx"));
    }

    @Test
    void exactPatternMatchesOnlyItself() {
        Predicate<String> injector = excluding(List.of("/login.jsp"));

        assertTrue(injector.test("/login.jsp"));
        assertFalse(injector.test("/login.jsp/x"));
        assertFalse(injector.test("/admin/login.jsp"));
    }

    @Test
    void emptyPatternIsTheContextRootAndSlashStarIsEverything() {
        assertTrue(excluding(List.of("")).test("/"));
        assertFalse(excluding(List.of("")).test("/index.jsp"));
        assertTrue(excluding(List.of("/*")).test("/any/thing"));
    }

    @Test
    void blanksAroundPatternsAreIgnored() {
        Predicate<String> injector = excluding(List.of(" /api/* ", "\t*.pdf"));

        assertTrue(injector.test("/api/x"));
        assertTrue(injector.test("/x.pdf"));
    }

    @Test
    void noPatternsExcludeNothing() {
        assertFalse(excluding(List.of()).test("/"));
    }

    @Test
    void invalidPatternsAreRejectedByName() {
        for (String invalid : List.of("api/*", "/api/*/x", "/a*b", "*.", "*.a/b", "**.pdf", "/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InjectionSettings.patterns(List.of("/ok/*", invalid)), invalid);
            assertTrue(e.getMessage().contains("\"" + invalid + "\""), e.getMessage());
        }
    }

    @Test
    void slashAloneIsRejectedAsAmbiguous() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InjectionSettings.patterns(List.of("/")));

        assertEquals("url-pattern \"/\" is ambiguous here: use \"/*\" for every path or \"\" for the context root",
                e.getMessage());
    }
}
