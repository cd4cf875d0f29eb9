package com.smsbat.chathub.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** JWT-shaped tokens with chosen claims; unsigned, since the client never checks signatures. */
final class TestJwts {

    private TestJwts() {
    }

    static String withPayload(String payload) {
        return encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(payload) + ".c2lnbmF0dXJl";
    }

    static String withExp(long epochSecond) {
        return withPayload("{\"sub\":\"101\",\"exp\":" + epochSecond + "}");
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
