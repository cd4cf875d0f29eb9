package com.smsbat.chathub.taglib;

import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/**
 * Sign-out across tabs in an application with its own sign-in ({@code chathub.user} reads the session's
 * {@link Account}): its logout ends the session, and every tab's panel goes.
 */
class SignOutOwnSignInBrowserTest extends SignOutBrowserTests {

    @BeforeAll
    static void start() {
        start(sandbox -> FormLoginApp.ownSignIn(sandbox, Map.of("chathub.renewal.check", CHECK.toString())));
    }

    @Override
    void signInAsJohn() {
        browser.open(container.uri("/login?account=john"));
        browser.open(container.uri("/page.jsp"));
    }
}
