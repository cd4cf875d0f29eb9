package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smsbat.chathub.internal.config.Setting;
import com.smsbat.chathub.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static com.smsbat.chathub.sandbox.SandboxHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox's API as seen on the wire: encodings, statuses, company auth and its tokens. SandboxGoldenTest holds it
 * to the reference pages' exchanges; this test covers what those exchanges leave open.
 */
class ChatHubSandboxTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TOKEN = ChatHubSandbox.COMPANY_TOKEN;
    private static final String LOGIN = "{\"login\":\"sandbox\",\"password\":\"sandbox\"}";

    private final MutableClock clock = new MutableClock(NOW);
    private ChatHubSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void startSandbox() {
        sandbox = ChatHubSandbox.builder().clock(clock).start();
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void seededLoginGetsACompanyTokenThatOpensTheApi() {
        HttpResponse<String> login = http.post("/api/company/get-token", LOGIN, null);
        String companyToken = json(login).asText();

        assertEquals(200, login.statusCode());
        assertEquals(200, http.get("/api/company/organization", companyToken).statusCode());
    }

    @Test
    void companyTokenIsAJsonStringHoldingASandboxSignedJwt() throws Exception {
        HttpResponse<String> login = http.post("/api/company/get-token", LOGIN, null);

        assertEquals("application/json", SandboxHttp.mediaType(login));
        assertTrue(json(login).isTextual(), login.body());
        String[] parts = json(login).asText().split("\\.");
        assertEquals("HS256", decode(parts[0]).path("alg").asText());
        assertEquals("sandbox", decode(parts[1]).path("sub").asText());
        assertEquals(signature(parts[0] + "." + parts[1]), parts[2]);
    }

    @Test
    void tokenIsBareTextWhenAcceptPrefersTextPlain() {
        HttpResponse<String> login = http.post("/api/company/get-token", LOGIN, null, "text/plain");

        assertEquals("text/plain", SandboxHttp.mediaType(login));
        assertTrue(login.body().startsWith("eyJ") && login.body().chars().filter(c -> c == '.').count() == 2,
                login.body());
        assertEquals(200, http.get("/api/company/organization", login.body()).statusCode());
    }

    @Test
    void operatorTokenIsBareTextWhenAcceptPrefersTextPlain() {
        HttpResponse<String> response = http.post("/api/operator/get-token", tokenRequest(101, NOW.plusSeconds(60)),
                TOKEN, "text/plain");

        assertEquals("text/plain", SandboxHttp.mediaType(response));
        assertEquals(3, response.body().split("\\.").length, response.body());
    }

    @Test
    void tokenIsAJsonStringWhenAcceptNamesJsonFirst() {
        HttpResponse<String> login = http.post("/api/company/get-token", LOGIN, null, "application/json, text/plain");

        assertEquals("application/json", SandboxHttp.mediaType(login));
        assertTrue(json(login).isTextual(), login.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text/plain|true",
            "text/plain, application/json|true",
            "application/json;q=0.5, text/plain|true",
            "TEXT/PLAIN; charset=utf-8|true",
            "application/json, text/plain|false",
            "text/plain;q=0.2, application/json|false",
            "text/plain;q=0|false",
            "*/*|false",
            "text/*|false",
            "application/json|false"})
    void textPlainIsPreferredOnlyWhenAcceptRanksItAboveJson(String accept, boolean prefersText) {
        assertEquals(prefersText, SandboxHandler.prefersText(accept));
    }

    @Test
    void noAcceptHeaderPrefersJson() {
        assertFalse(SandboxHandler.prefersText(null));
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        assertEquals(401, http.post("/api/company/get-token", "{\"login\":\"sandbox\",\"password\":\"nope\"}", null)
                .statusCode());
    }

    @Test
    void missingCompanyTokenIsUnauthorized() {
        assertEquals(401, http.get("/api/company/organization", null).statusCode());
    }

    @Test
    void unknownCompanyTokenIsUnauthorized() {
        assertEquals(401, http.post("/api/operator/get-token", tokenRequest(101, NOW.plusSeconds(60)), "made-up")
                .statusCode());
    }

    @Test
    void revokedCompanyTokenIsUnauthorizedWhileTheFixedOneStaysValid() {
        String issued = json(http.post("/api/company/get-token", LOGIN, null)).asText();

        sandbox.revokeCompanyTokens();

        assertEquals(401, http.get("/api/company/organization", issued).statusCode());
        assertEquals(200, http.get("/api/company/organization", TOKEN).statusCode());
    }

    @Test
    void organizationsHaveTheDocumentedShape() {
        assertEquals("[{\"id\":24,\"name\":\"Customer Support\"},{\"id\":31,\"name\":\"Sales\"}]",
                http.get("/api/company/organization", TOKEN).body());
    }

    @Test
    void operatorsHaveTheDocumentedShape() {
        JsonNode first = json(http.get("/api/operator?organizationId=31", TOKEN)).get(0);

        assertEquals("{\"id\":201,\"name\":\"Alex Brown\",\"status\":0,\"organization\":{\"id\":31,\"name\":\"Sales\"}}",
                first.toString());
    }

    @Test
    void operatorsOfAnUnknownOrganizationAreNotFound() {
        assertEquals(404, http.get("/api/operator?organizationId=99", TOKEN).statusCode());
    }

    @Test
    void operatorsWithoutOrganizationIdAreABadRequest() {
        assertEquals(400, http.get("/api/operator", TOKEN).statusCode());
    }

    @Test
    void operatorTokenExactly24HoursAheadIsIssued() throws Exception {
        HttpResponse<String> response = http.post("/api/operator/get-token",
                tokenRequest(101, NOW.plus(Duration.ofHours(24))), TOKEN);

        assertEquals(200, response.statusCode());
        assertEquals(NOW.plus(Duration.ofHours(24)).getEpochSecond(),
                decode(json(response).asText().split("\\.")[1]).path("exp").asLong());
    }

    @Test
    void operatorTokenIsAJsonStringByDefault() {
        HttpResponse<String> response = http.post("/api/operator/get-token", tokenRequest(101, NOW.plusSeconds(60)),
                TOKEN);

        assertEquals("application/json", SandboxHttp.mediaType(response));
        assertTrue(json(response).isTextual(), response.body());
    }

    @Test
    void operatorTokenMoreThan24HoursAheadIsABadRequest() {
        assertEquals(400, http.post("/api/operator/get-token",
                tokenRequest(101, NOW.plus(Duration.ofHours(24)).plusSeconds(1)), TOKEN).statusCode());
    }

    @Test
    void operatorTokenExpiringInThePastIsABadRequest() {
        assertEquals(400, http.post("/api/operator/get-token", tokenRequest(101, NOW.minusSeconds(1)), TOKEN)
                .statusCode());
    }

    @Test
    void operatorTokenForAnUnknownOperatorIsNotFound() {
        assertEquals(404, http.post("/api/operator/get-token", tokenRequest(999, NOW.plusSeconds(60)), TOKEN)
                .statusCode());
    }

    @Test
    void operatorTokenForAnInactiveOperatorIsABadRequest() {
        assertEquals(400, http.post("/api/operator/get-token", tokenRequest(103, NOW.plusSeconds(60)), TOKEN)
                .statusCode());
    }

    @Test
    void operatorTokenWithoutExpiresAtIsABadRequest() {
        assertEquals(400, http.post("/api/operator/get-token", "{\"id\":101}", TOKEN).statusCode());
    }

    @Test
    void operatorTokenIsAnHs256JwtNamingOperatorAndOrganization() throws Exception {
        Instant expiresAt = NOW.plus(Duration.ofHours(8));
        String[] parts = issue(202, expiresAt).split("\\.");

        assertEquals("HS256", decode(parts[0]).path("alg").asText());
        JsonNode claims = decode(parts[1]);
        assertEquals("chathub-sandbox", claims.path("iss").asText());
        assertEquals("202", claims.path("sub").asText());
        assertEquals(202, claims.path("operator_id").asLong());
        assertEquals("Olena Kovalenko", claims.path("operator_name").asText());
        assertEquals(31, claims.path("organization_id").asLong());
        assertEquals("Sales", claims.path("organization_name").asText());
        assertEquals(NOW.getEpochSecond(), claims.path("iat").asLong());
        assertEquals(expiresAt.getEpochSecond(), claims.path("exp").asLong());
        assertEquals(signature(parts[0] + "." + parts[1]), parts[2]);
    }

    @Test
    void tokensForTheSameOperatorAndExpiryDiffer() {
        String request = tokenRequest(101, NOW.plusSeconds(600));

        assertFalse(json(http.post("/api/operator/get-token", request, TOKEN)).asText()
                .equals(json(http.post("/api/operator/get-token", request, TOKEN)).asText()));
    }

    @Test
    void validateTokenAcceptsAnUnexpiredTokenWithTheDocumentedShape() {
        String token = issue(101, NOW.plus(Duration.ofHours(1)));

        assertEquals("{\"isValid\":true,\"operatorId\":101,\"clientId\":0,\"expiresAt\":\"2026-03-01T11:00:00Z\",\"error\":null}",
                http.post("/api/operator/validate-token", "{\"token\":\"" + token + "\"}", TOKEN).body());
    }

    @Test
    void validateTokenRejectsATokenOnceTheSandboxClockPassesItsExpiry() {
        String token = issue(101, NOW.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(1));

        JsonNode validation = json(http.post("/api/operator/validate-token", "{\"token\":\"" + token + "\"}", TOKEN));

        assertFalse(validation.path("isValid").asBoolean());
        assertEquals("Token expired", validation.path("error").asText());
    }

    @Test
    void validateTokenRejectsATokenSignedWithAnotherSecret() {
        String token = issue(101, NOW.plus(Duration.ofHours(1)));
        String forged = token.substring(0, token.lastIndexOf('.')) + ".c2lnbmVkLWVsc2V3aGVyZQ";

        JsonNode validation = json(http.post("/api/operator/validate-token", "{\"token\":\"" + forged + "\"}", TOKEN));

        assertEquals("{\"isValid\":false,\"error\":\"Invalid token\"}", validation.toString());
    }

    @Test
    void tokensFromOneSandboxAreValidInAnother() {
        String token = issue(102, NOW.plus(Duration.ofHours(3)));
        try (ChatHubSandbox other = ChatHubSandbox.builder().clock(clock).start()) {
            JsonNode validation = json(new SandboxHttp(other)
                    .post("/api/operator/validate-token", "{\"token\":\"" + token + "\"}", TOKEN));

            assertTrue(validation.path("isValid").asBoolean());
            assertEquals(102, validation.path("operatorId").asLong());
        }
    }

    @Test
    void synchronizeAddsEveryOperatorWithANewIdEvenUnderANameTaken() {
        String request = "[{\"organizationId\":31,\"name\":\"Ivan Petrenko\"},{\"organizationId\":31,\"name\":\"Ivan Petrenko\"}]";

        String first = http.post("/api/operator/synchronize", request, TOKEN).body();
        String second = http.post("/api/operator/synchronize", "[{\"organizationId\":31,\"name\":\"Alex Brown\"}]", TOKEN)
                .body();

        assertEquals("[{\"id\":1001,\"name\":\"Ivan Petrenko\",\"status\":0},{\"id\":1002,\"name\":\"Ivan Petrenko\",\"status\":0}]",
                first);
        assertEquals("[{\"id\":1003,\"name\":\"Alex Brown\",\"status\":0}]", second);
        assertEquals(2, json(http.get("/api/operator?organizationId=31", TOKEN)).findValues("name").stream()
                .filter(name -> name.asText().equals("Alex Brown")).count());
    }

    @Test
    void synchronizeIntoAnUnknownOrganizationIsNotFound() {
        assertEquals(404, http.post("/api/operator/synchronize", "[{\"organizationId\":99,\"name\":\"X\"}]", TOKEN)
                .statusCode());
    }

    @Test
    void statusAnswersOkWithAnEmptyBody() {
        HttpResponse<String> response = http.post("/api/operator/status", "{\"id\":101,\"status\":1}", TOKEN);

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void deactivatedOperatorGetsNoToken() {
        http.post("/api/operator/status", "{\"id\":101,\"status\":1}", TOKEN);

        assertEquals(400, http.post("/api/operator/get-token", tokenRequest(101, NOW.plusSeconds(60)), TOKEN)
                .statusCode());
    }

    @Test
    void statusOfAnUnknownOperatorIsNotFound() {
        assertEquals(404, http.post("/api/operator/status", "{\"id\":999,\"status\":1}", TOKEN).statusCode());
    }

    @Test
    void bodyThatIsNotJsonIsABadRequest() {
        assertEquals(400, http.post("/api/operator/get-token", "id=101", TOKEN).statusCode());
    }

    @Test
    void everyAnswerCarriesADistinctRequestId() {
        String first = http.get("/no/such/path", null).headers().firstValue("X-Request-Id").orElseThrow();
        String second = http.get("/api/company/organization", TOKEN).headers().firstValue("X-Request-Id").orElseThrow();

        assertFalse(first.equals(second));
    }

    @Test
    void callsAreCountedPerEndpointUntilReset() {
        http.get("/api/company/organization", TOKEN);
        http.get("/api/company/organization", null);
        http.get("/api/operator?organizationId=24", TOKEN);

        assertEquals(2, sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
        assertEquals(1, sandbox.calls(SandboxEndpoint.OPERATORS));
        sandbox.resetCalls();
        assertEquals(0, sandbox.calls(SandboxEndpoint.ORGANIZATIONS));
    }

    @Test
    void widgetScriptIsServedAsJavaScriptToEveryOrigin() {
        HttpResponse<String> response = http.get(sandbox.widgetScriptUri().getRawPath(), null);

        assertEquals(sandbox.baseUri() + "/widget/operator-chat-panel/widget-script.js",
                sandbox.widgetScriptUri().toString());
        assertEquals(200, response.statusCode());
        assertEquals("text/javascript; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(response.body().contains("script[id^=\"operator-chat-panel-script\"]"));
        assertEquals(1, sandbox.calls(SandboxEndpoint.WIDGET_SCRIPT));
    }

    @Test
    void standaloneStartPrintsTheLibrarysSettingsForWebXmlAndAsSystemProperties() {
        String printed = printed();
        String widget = sandbox.widgetScriptUri().toString();

        for (String[] setting : new String[][] {{Setting.API_URL.key(), sandbox.baseUri().toString()},
                {Setting.WIDGET_URL.key(), widget}, {Setting.LOGIN.key(), "sandbox"}, {Setting.PASSWORD.key(), "sandbox"}}) {
            assertTrue(printed.contains("<context-param><param-name>" + setting[0] + "</param-name><param-value>"
                    + setting[1] + "</param-value></context-param>"), setting[0] + " missing from\n" + printed);
            assertTrue(printed.contains(" -D" + setting[0] + "=" + setting[1] + " ")
                    || printed.contains(" -D" + setting[0] + "=" + setting[1] + System.lineSeparator()),
                    setting[0] + " missing from\n" + printed);
        }
        assertTrue(printed.contains(Setting.COMPANY_TOKEN.key() + "=" + TOKEN), printed);
    }

    @Test
    void seedTableNamesCredentialsAndEveryOperator() {
        String seed = printed();

        for (String expected : new String[] {sandbox.baseUri().toString(), TOKEN,
                "John Smith", "Maria Garcia", "Wei Chen", "Alex Brown", "Olena Kovalenko", "inactive"}) {
            assertTrue(seed.contains(expected), expected + " missing from\n" + seed);
        }
    }

    private String printed() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        sandbox.printSeed(new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private String issue(long operatorId, Instant expiresAt) {
        return json(http.post("/api/operator/get-token", tokenRequest(operatorId, expiresAt), TOKEN)).asText();
    }

    private static String signature(String headerAndPayload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("chathub-sandbox-secret-not-for-production".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(headerAndPayload.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String tokenRequest(long operatorId, Instant expiresAt) {
        return "{\"id\":" + operatorId + ",\"expiresAt\":\"" + expiresAt + "\"}";
    }

    private static JsonNode decode(String part) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(part));
    }
}
