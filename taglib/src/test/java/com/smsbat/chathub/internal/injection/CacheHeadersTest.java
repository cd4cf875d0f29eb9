package com.smsbat.chathub.internal.injection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How the application's Cache-Control becomes private without losing its own directives. */
class CacheHeadersTest {

    @Test
    void privateIsAddedToTheApplicationsDirectives() {
        assertEquals("max-age=60, private", CacheHeaders.privateCacheControl("max-age=60"));
        assertEquals("no-cache, must-revalidate, private", CacheHeaders.privateCacheControl("no-cache, must-revalidate"));
    }

    @Test
    void noCacheControlBecomesPrivate() {
        assertEquals("private", CacheHeaders.privateCacheControl(""));
    }

    @Test
    void publicIsTheOneDirectiveReplacedByPrivate() {
        assertEquals("private, max-age=600", CacheHeaders.privateCacheControl("public, max-age=600"));
    }

    @Test
    void barePrivateOrNoStoreAlreadyKeepsThePageOutOfSharedCaches() {
        assertNull(CacheHeaders.privateCacheControl("private"));
        assertNull(CacheHeaders.privateCacheControl("max-age=0, NO-STORE"));
        assertNull(CacheHeaders.privateCacheControl("no-cache , private"));
    }

    @Test
    void privateNamingFieldsStillLetsTheBodyBeShared() {
        assertEquals("private=\"Set-Cookie\", private", CacheHeaders.privateCacheControl("private=\"Set-Cookie\""));
    }
}
