package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        Panels.Fixed fixed = new Panels.Fixed("/a\"b", CONFIG, URI.create("https://w.example/x.js?a=1&b=2"));

        assertTrue(fixed.moduleStart.matches("<script type=\"module\" src=\"/a&#34;b/chathub/token-renewal\\.[0-9a-f]{20}\\.js"
                + "#w=https%3A%2F%2Fw\\.example%2Fx\\.js%3Fa%3D1%26b%3D2&amp;e=%2Fa%22b%2Fapi%2Fchathub%2Ftoken\""), fixed.moduleStart);
        assertEquals("\" src=\"https://w.example/x.js?a=1&amp;b=2\"", fixed.widgetSource);
        assertEquals(" data-chathub-token-url=\"/a&#34;b/api/chathub/token\" data-chathub-renew-before=\"PT30M\""
                + " data-chathub-check=\"PT1M\"", fixed.renewalAttributes);
        assertEquals(" data-chathub-token-url=\"/a&#34;b/api/chathub/token?org=31\" data-chathub-renew-before=\"PT30M\""
                + " data-chathub-check=\"PT1M\"", fixed.renewalAttributes(31));
    }
}
