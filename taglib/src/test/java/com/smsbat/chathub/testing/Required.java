package com.smsbat.chathub.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need software from outside Maven (Chromium, an installed Tomcat) skip loudly where it is missing,
 * and fail instead where a skip would hide a gap: under CI ({@code CI=true}, which {@code .ci/run} runs under)
 * or with {@code -Dchathub.test.require=true}.
 */
public final class Required {

    private Required() {
    }

    /** Continues when {@code present}; otherwise skips the calling test (class) with a visible line, or fails. */
    public static void assumeInstalled(boolean present, String missing) {
        if (present) {
            return;
        }
        if (demanded()) {
            Assertions.fail(missing + " (required: CI=true or -Dchathub.test.require=true)");
        }
        System.err.println("[SKIPPED] " + missing);
        Assumptions.abort(missing);
    }

    private static boolean demanded() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("chathub.test.require");
    }
}
