package com.smsbat.chathub.internal.resolution;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A value from a user cannot start a log line of its own. */
class LogTextTest {

    @Test
    void lineBreaksAndOtherControlCharactersAreWrittenAsEscapes() {
        assertEquals("kim\\u000D\\u000ASEVERE forged\\u0000\\u0085\\u2028\\u007F",
                LogText.escape("kim\r\nSEVERE forged\u0000\u0085\u2028\u007F"));
    }

    @Test
    void ordinaryNamesStayAsTheyAre() {
        String name = "Łukasz \"ŁK\" Kowalski\\admin";
        assertSame(name, LogText.escape(name));
    }
}
