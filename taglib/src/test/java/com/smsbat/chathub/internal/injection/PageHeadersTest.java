package com.smsbat.chathub.internal.injection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header and encoding judgements that decide whether a response is a page the markup may go into. */
class PageHeadersTest {

    @Test
    void utf8AndAsciiPreservingSingleByteEncodingsCanBeScannedAsBytes() {
        for (String encoding : new String[] {"UTF-8", "utf8", "ISO-8859-1", "US-ASCII", "windows-1251", "KOI8-R", "ISO-8859-15"}) {
            assertTrue(PageHeaders.asciiCompatible(encoding), encoding);
        }
    }

    @Test
    void wideMultiByteAndStatefulEncodingsCannotBeScannedAsBytes() {
        for (String encoding : new String[] {"UTF-16", "UTF-16BE", "UTF-32", "Shift_JIS", "GBK", "ISO-2022-JP", "IBM037", "no-such-charset", "bad name!"}) {
            assertFalse(PageHeaders.asciiCompatible(encoding), encoding);
        }
        assertFalse(PageHeaders.asciiCompatible(null));
    }

    @Test
    void htmlIsTextHtmlWithAnyParameters() {
        assertTrue(PageHeaders.isHtml("text/html"));
        assertTrue(PageHeaders.isHtml("TEXT/HTML ; charset=UTF-8"));
        assertFalse(PageHeaders.isHtml("application/xhtml+xml"));
        assertFalse(PageHeaders.isHtml("text/htmlx"));
        assertFalse(PageHeaders.isHtml("application/json"));
    }

    @Test
    void aResponseWithoutContentTypeIsNotHtml() {
        assertFalse(PageHeaders.isHtml(null));
    }

    @Test
    void attachmentIsTheDispositionTypeWithAnyParameters() {
        assertTrue(PageHeaders.isAttachment("attachment"));
        assertTrue(PageHeaders.isAttachment(" Attachment ; filename=\"mail.html\""));
        assertFalse(PageHeaders.isAttachment("inline; filename=\"attachment.html\""));
        assertFalse(PageHeaders.isAttachment(null));
    }

    @Test
    void aSandboxDirectiveInAnyPolicySandboxesThePage() {
        assertTrue(PageHeaders.sandboxes(List.of("sandbox")));
        assertTrue(PageHeaders.sandboxes(List.of("default-src 'self'; SANDBOX allow-scripts")));
        assertTrue(PageHeaders.sandboxes(List.of("default-src 'self'", "script-src 'self', sandbox")));
        assertFalse(PageHeaders.sandboxes(List.of("default-src 'self'; script-src https://sandbox.example")));
        assertFalse(PageHeaders.sandboxes(List.of()));
    }
}
