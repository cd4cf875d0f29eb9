package com.smsbat.chathub.internal.injection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header and encoding judgements the injecting response makes. */
class InjectingResponseTest {

    @Test
    void utf8AndAsciiPreservingSingleByteEncodingsCanBeScannedAsBytes() {
        for (String encoding : new String[] {"UTF-8", "utf8", "ISO-8859-1", "US-ASCII", "windows-1251", "KOI8-R", "ISO-8859-15"}) {
            assertTrue(InjectingResponse.asciiCompatible(encoding), encoding);
        }
    }

    @Test
    void wideMultiByteAndStatefulEncodingsCannotBeScannedAsBytes() {
        for (String encoding : new String[] {"UTF-16", "UTF-16BE", "UTF-32", "Shift_JIS", "GBK", "ISO-2022-JP", "IBM037", "no-such-charset", "bad name!"}) {
            assertFalse(InjectingResponse.asciiCompatible(encoding), encoding);
        }
        assertFalse(InjectingResponse.asciiCompatible(null));
    }

    @Test
    void onlyBarePrivateOrNoStoreKeepsAPageOutOfSharedCaches() {
        assertTrue(InjectingResponse.keepsPrivate("private"));
        assertTrue(InjectingResponse.keepsPrivate("max-age=0, NO-STORE"));
        assertTrue(InjectingResponse.keepsPrivate("no-cache , private"));
        assertFalse(InjectingResponse.keepsPrivate("private=\"Set-Cookie\""));
        assertFalse(InjectingResponse.keepsPrivate("public, max-age=600"));
        assertFalse(InjectingResponse.keepsPrivate("no-cache"));
    }

    @Test
    void htmlIsTextHtmlWithAnyParametersOrNoTypeYet() {
        assertTrue(InjectingResponse.isHtml(null));
        assertTrue(InjectingResponse.isHtml("text/html"));
        assertTrue(InjectingResponse.isHtml("TEXT/HTML ; charset=UTF-8"));
        assertFalse(InjectingResponse.isHtml("application/xhtml+xml"));
        assertFalse(InjectingResponse.isHtml("text/htmlx"));
        assertFalse(InjectingResponse.isHtml("application/json"));
    }
}
