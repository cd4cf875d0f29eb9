package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * HS256 company and operator tokens signed with a fixed, published secret, so that every sandbox (embedded or
 * standalone) accepts every other sandbox's operator tokens. The secret protects nothing: these tokens only open sandbox panels.
 */
final class SandboxJwt {

    static final String ISSUER = "chathub-sandbox";
    static final String SECRET = "chathub-sandbox-secret-not-for-production";

    private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper mapper;

    SandboxJwt(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * An operator token. {@code operator_id} and {@code exp} are the claims of the reference pages' example token;
     * the names are there for the stand-in widget's panel.
     */
    String issueOperatorToken(SandboxState.Operator operator, SandboxState.Organization organization, Instant issuedAt,
                              Instant expiresAt) {
        return sign(claims(Long.toString(operator.id()), issuedAt)
                .put("operator_id", operator.id())
                .put("operator_name", operator.name())
                .put("organization_id", organization.id())
                .put("organization_name", organization.name())
                .put("exp", expiresAt.getEpochSecond()));
    }

    /** A company token: no {@code exp}, as ChatHub documents no lifetime for them. */
    String issueCompanyToken(String login, Instant issuedAt) {
        return sign(claims(login, issuedAt));
    }

    private ObjectNode claims(String subject, Instant issuedAt) {
        return mapper.createObjectNode()
                .put("iss", ISSUER)
                .put("sub", subject)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", issuedAt.getEpochSecond());
    }

    private static String sign(ObjectNode claims) {
        String signed = HEADER + "." + encode(claims.toString().getBytes(StandardCharsets.UTF_8));
        return signed + "." + encode(sign(signed));
    }

    /** The claims of a token this secret signed with HS256, whatever its expiry; empty for anything else. */
    Optional<JsonNode> verifiedClaims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!"HS256".equals(header.path("alg").asText())
                    || !MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] sign(String headerAndPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(headerAndPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
