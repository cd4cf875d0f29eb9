package com.smsbat.chathub.internal.rendering;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Values written into double-quoted HTML attributes. */
class HtmlTest {

    @Test
    void everyCharacterThatCouldEndTheAttributeOrStartMarkupIsEncoded() {
        assertEquals("&amp;&lt;&gt;&#34;&#39;", Html.forAttribute("&<>\"'"));
    }

    @Test
    void encodedCharactersKeepTheirPlaceAmongPlainText() {
        assertEquals("/app?a=1&amp;b=&#34;x&#34; onload=&#39;y&#39;&gt;",
                Html.forAttribute("/app?a=1&b=\"x\" onload='y'>"));
    }

    @Test
    void textNeedingNoEncodingIsReturnedAsItIs() {
        String plain = "https://chathub.example/widget/operator-chat-panel/widget-script.js";

        assertSame(plain, Html.forAttribute(plain));
    }

    @Test
    void nonAsciiTextIsLeftToTheResponseEncoding() {
        assertEquals("Чат недоступний", Html.forAttribute("Чат недоступний"));
    }

    @Test
    void elementTextCannotCloseItsElementOrOpenAnother() {
        assertEquals("&lt;/span&gt;&lt;script&gt;x&lt;/script&gt;", Html.forContent("</span><script>x</script>"));
    }
}
