package com.smsbat.chathub.taglib;

import org.junit.jupiter.api.BeforeAll;

/** The token endpoint outside the security constraint, as docs/renewal.md advises: it answers 401 itself. */
class SignOutOutsideConstraintBrowserTest extends SignOutBrowserTests {

    @BeforeAll
    static void start() {
        start(false);
    }
}
