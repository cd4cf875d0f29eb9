package com.smsbat.chathub.internal.rendering;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser module's address: named after what it serves, so that browsers may keep it for good. */
class RenewalModuleTest {

    private static final byte[] MODULE = "export const a = 1;\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void theAddressChangesWhenOneByteOfTheModuleDoes() {
        byte[] changed = MODULE.clone();
        changed[changed.length - 2] = '2';

        assertNotEquals(new RenewalModule(MODULE, "w=x").path(), new RenewalModule(changed, "w=x").path());
    }

    @Test
    void theAddressChangesWhenTheSettingsInItsFragmentDo() {
        assertNotEquals(new RenewalModule(MODULE, "w=x").path(), new RenewalModule(MODULE, "w=y").path());
    }

    @Test
    void theSameModuleAndSettingsHaveTheSameAddressInEveryServer() {
        RenewalModule module = new RenewalModule(MODULE, "w=x");

        assertEquals(new RenewalModule(MODULE.clone(), "w=x").path(), module.path());
        assertTrue(module.path().matches("/chathub/token-renewal\\.[0-9a-f]{20}\\.js"), module.path());
        assertEquals(module.path() + "#w=x", module.address());
    }

    @Test
    void theFragmentCarriesTheWidgetAndTheApplicationsEndpointEncodedForUrlSearchParams() {
        RenewalModule module = RenewalModule.forApplication("/back office", config(Map.of()).page(),
                URI.create("https://w.example/x.js?a=1&b=2"));

        assertTrue(module.address().endsWith(".js#w=https%3A%2F%2Fw.example%2Fx.js%3Fa%3D1%26b%3D2"
                + "&e=%2Fback+office%2Fapi%2Fchathub%2Ftoken"), module.address());
    }

    @Test
    void withoutTheTokenEndpointTheFragmentNamesNone() {
        RenewalModule module = RenewalModule.forApplication("/app", config(Map.of("chathub.endpoint.path", "")).page(),
                URI.create("https://w.example/x.js"));

        assertTrue(module.address().endsWith(".js#w=https%3A%2F%2Fw.example%2Fx.js"), module.address());
    }

    private static ChatHubConfig config(Map<String, String> extra) {
        return ChatHubConfig.parse(setting -> extra.containsKey(setting.key()) ? extra.get(setting.key())
                : switch (setting.key()) {
                    case "chathub.api.url" -> "https://chathub.example/api";
                    case "chathub.widget.url" -> "https://chathub.example/widget.js";
                    case "chathub.login" -> "company";
                    case "chathub.password" -> "secret";
                    default -> null;
                }, path -> InputStream.nullInputStream());
    }
}
