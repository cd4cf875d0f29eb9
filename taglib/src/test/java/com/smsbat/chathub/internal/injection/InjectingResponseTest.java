package com.smsbat.chathub.internal.injection;

import org.junit.jupiter.api.Test;

import java.util.List;

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
    void htmlIsTextHtmlWithAnyParameters() {
        assertTrue(InjectingResponse.isHtml("text/html"));
        assertTrue(InjectingResponse.isHtml("TEXT/HTML ; charset=UTF-8"));
        assertFalse(InjectingResponse.isHtml("application/xhtml+xml"));
        assertFalse(InjectingResponse.isHtml("text/htmlx"));
        assertFalse(InjectingResponse.isHtml("application/json"));
    }

    @Test
    void aResponseWithoutContentTypeIsNotHtml() {
        assertFalse(InjectingResponse.isHtml(null));
    }

    @Test
    void attachmentIsTheDispositionTypeWithAnyParameters() {
        assertTrue(InjectingResponse.isAttachment("attachment"));
        assertTrue(InjectingResponse.isAttachment(" Attachment ; filename=\"mail.html\""));
        assertFalse(InjectingResponse.isAttachment("inline; filename=\"attachment.html\""));
        assertFalse(InjectingResponse.isAttachment(null));
    }

    @Test
    void aSandboxDirectiveInAnyPolicySandboxesThePage() {
        assertTrue(InjectingResponse.sandboxes(List.of("sandbox")));
        assertTrue(InjectingResponse.sandboxes(List.of("default-src 'self'; SANDBOX allow-scripts")));
        assertTrue(InjectingResponse.sandboxes(List.of("default-src 'self'", "script-src 'self', sandbox")));
        assertFalse(InjectingResponse.sandboxes(List.of("default-src 'self'; script-src https://sandbox.example")));
        assertFalse(InjectingResponse.sandboxes(List.of()));
    }
}
