package com.smsbat.chathub.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the build packaged, as failsafe passes it to the tests, and the demo users' shared password. */
final class DemoBuild {

    static final String PASSWORD = "demo";

    private DemoBuild() {
    }

    /** The exploded WAR, {@code target/<finalName>}. */
    static Path webapp() {
        return path("demo.webapp");
    }

    static Path war() {
        return path("demo.war");
    }

    /** The demo users, in the realm file {@code jetty:run} uses too. */
    static Path realm() {
        return path("demo.realm");
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("system property " + property + " must name the packaged demo (run "
                    + "the tests with `mvn verify`, which sets it), not " + value);
        }
        return Path.of(value);
    }
}
