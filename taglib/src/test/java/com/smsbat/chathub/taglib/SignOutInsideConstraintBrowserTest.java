package com.smsbat.chathub.taglib;

import org.junit.jupiter.api.BeforeAll;

/**
 * The token endpoint inside the FORM login's security constraint, the case the library must survive: after
 * a sign-out Tomcat answers it with 200 and the login page, Jetty with a redirect to it.
 */
class SignOutInsideConstraintBrowserTest extends SignOutBrowserTests {

    @BeforeAll
    static void start() {
        start(true);
    }
}
