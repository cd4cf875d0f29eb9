package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What panel markup is made of, apart from the page and the cache (those are tested in containers). */
class PanelsTest {

    private static final ChatHubConfig CONFIG = ChatHubConfig.parse(setting -> switch (setting.key()) {
        case "chathub.api.url" -> "https://chathub.example/api";
        case "chathub.widget.url" -> "https://chathub.example/widget.js";
        case "chathub.login" -> "company";
        case "chathub.password" -> "secret";
        default -> null;
    }, path -> InputStream.nullInputStream());

    private static final URI WIDGET = URI.create("https://chathub.example/widget.js");
    private static final OperatorToken TOKEN = new OperatorToken("aaa.bbb.ccc", Instant.parse("2026-12-03T12:00:00Z"));

    @Test
    void aRememberedExpiryIsTheTextOfThatVeryInstantWhateverSharedItsSlot() {
        Random random = new Random(15);
        Instant[] instants = new Instant[2_000];
        for (int i = 0; i < instants.length; i++) {
            instants[i] = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000));
        }
        for (int i = 0; i < 20_000; i++) {
            Instant instant = instants[random.nextInt(instants.length)];

            assertEquals(instant.toString(), Panels.expiryText(Instant.ofEpochSecond(instant.getEpochSecond())));
        }
    }

    @Test
    void theApplicationsLinksAndTheWidgetAddressAreEncodedOnce() {
        URI widget = URI.create("https://w.example/x.js?a=1&b=2");
        Panels panels = new Panels("/a\"b", CONFIG.page(), widget, RenewalModule.forApplication("/a\"b", CONFIG.page(), widget));

        assertTrue(panels.moduleStart.matches("<script type=\"module\" src=\"/a&#34;b/chathub/token-renewal\\.[0-9a-f]{20}\\.js"
                + "#w=https%3A%2F%2Fw\\.example%2Fx\\.js%3Fa%3D1%26b%3D2&amp;e=%2Fa%22b%2Fapi%2Fchathub%2Ftoken\""), panels.moduleStart);
        assertEquals("\" src=\"https://w.example/x.js?a=1&amp;b=2\"", panels.widgetSource);
        assertEquals(" data-chathub-token-url=\"/a&#34;b/api/chathub/token\" data-chathub-renew-before=\"PT30M\""
                + " data-chathub-check=\"PT1M\"", panels.renewalAttributes);
        assertEquals(" data-chathub-token-url=\"/a&#34;b/api/chathub/token?org=31\" data-chathub-renew-before=\"PT30M\""
                + " data-chathub-check=\"PT1M\"", panels.renewalAttributes(31));
    }

    @Test
    void aDecidedPanelIsWrittenAsItWasDecidedAndItsLoadingTextEncodedAsText() {
        Panels panels = new Panels("/app", CONFIG.page(), WIDGET, RenewalModule.forApplication("/app", CONFIG.page(), WIDGET));
        PanelMarkup markup = PanelMarkup.panel(TOKEN, 31L, false, "n'1", "<b>Loading</b>", false, "<p>later</p>");

        assertEquals("<span class=\"chathub-loading\" role=\"status\" data-chathub-loading-for=\"operator-chat-panel-script-31\">"
                + "&lt;b&gt;Loading&lt;/b&gt;</span><script type=\"module\" id=\"operator-chat-panel-script-31\""
                + " src=\"https://chathub.example/widget.js\" token=\"" + TOKEN.token() + "\" nonce=\"n&#39;1\"></script>"
                + "<template data-chathub-fallback-for=\"operator-chat-panel-script-31\"><p>later</p></template>",
                panels.toHtml(markup));
    }

    @Test
    void aDecidedMarkupNeverPrintsItsToken() {
        PanelMarkup markup = PanelMarkup.panel(TOKEN, null, true, null, null, true, null);

        assertFalse(markup.toString().contains(TOKEN.token()), markup.toString());
    }
}
