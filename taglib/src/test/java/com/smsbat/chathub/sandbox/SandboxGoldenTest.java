package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smsbat.chathub.sandbox.UpstreamExchanges.Exchange;
import com.smsbat.chathub.sandbox.UpstreamExchanges.Message;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox answers ChatHub's reference pages' exchanges (test resource {@code upstream-exchanges.http}) with the
 * reference's status, content type and body shape, embedded and standalone alike; a drift fails the build.
 */
class SandboxGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern JWT = Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$");
    private static final List<Exchange> EXCHANGES = UpstreamExchanges.load();

    @Test
    void embeddedSandboxAnswersEveryReferenceExchangeInTheReferenceShape() {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start()) {
            assertNoDifferences(replay(sandbox.baseUri()));
        }
    }

    /**
     * A JVM of its own, started through {@code main} as {@code exec:java} starts it, so that the test covers what a
     * user runs: the entry point, its port setting, and the settings it prints (they are how the test finds it).
     */
    @Test
    void standaloneSandboxAnswersEveryReferenceExchangeInTheReferenceShape() {
        try (StandaloneSandbox sandbox = new StandaloneSandbox()) {
            assertNoDifferences(replay(sandbox.baseUri()));
        }
    }

    @Test
    void standaloneSandboxPrintsSettingsThatReachIt() throws Exception {
        try (StandaloneSandbox sandbox = new StandaloneSandbox()) {
            Map<String, String> options = sandbox.systemProperties();
            HttpResponse<String> widget = send(HttpRequest.newBuilder(
                    URI.create(options.get(ChatHubSandbox.WIDGET_URL_SETTING))).GET());
            HttpResponse<String> login = send(HttpRequest.newBuilder(
                    URI.create(options.get(ChatHubSandbox.API_URL_SETTING) + "/api/company/get-token"))
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(Map.of(
                            "login", options.get(ChatHubSandbox.LOGIN_SETTING),
                            "password", options.get(ChatHubSandbox.PASSWORD_SETTING))))));

            assertEquals(List.of(ChatHubSandbox.API_URL_SETTING, ChatHubSandbox.WIDGET_URL_SETTING,
                    ChatHubSandbox.LOGIN_SETTING, ChatHubSandbox.PASSWORD_SETTING), List.copyOf(options.keySet()));
            assertEquals(200, widget.statusCode());
            assertEquals(200, login.statusCode());
            options.forEach((name, value) -> assertTrue(sandbox.printed().contains("  <context-param><param-name>"
                    + name + "</param-name><param-value>" + value + "</param-value></context-param>"),
                    name + " has no matching context-param in\n" + String.join("\n", sandbox.printed())));
        }
    }

    @Test
    void referenceFileHoldsEveryExchangeOfTheReferencePages() {
        assertEquals(List.of("1.", "1", "2.", "3.", "4.", "5.", "5.", "6.", "7."),
                EXCHANGES.stream().map(exchange -> exchange.title().split(" ")[0]).toList());
    }

    private static void assertNoDifferences(List<String> differences) {
        assertTrue(differences.isEmpty(), "the sandbox drifted from ChatHub's reference exchanges:\n"
                + String.join("\n", differences));
    }

    /** Replays every exchange in order, filling in the placeholders; returns how the answers differ. */
    private static List<String> replay(URI baseUri) {
        Map<String, String> values = new HashMap<>();
        values.put("{expires-at}", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS).toString());
        List<String> differences = new ArrayList<>();
        for (Exchange exchange : EXCHANGES) {
            HttpResponse<String> answer = send(request(baseUri, exchange.request(), values));
            List<String> found = differences(exchange.response(), answer);
            found.forEach(difference -> differences.add(exchange.title() + ": " + difference));
            if (found.isEmpty()) {
                remember(exchange.request(), answer, values);
            }
        }
        return differences;
    }

    private static HttpRequest.Builder request(URI baseUri, Message request, Map<String, String> values) {
        String[] line = request.startLine().split(" ");
        String body = request.body();
        for (Map.Entry<String, String> replacement : request.replacements().entrySet()) {
            body = body.replace(replacement.getKey(), replacement.getValue());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUri + line[1]))
                .timeout(Duration.ofSeconds(10))
                .method(line[0], body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(fill(body, values)));
        request.headers().forEach((name, value) -> builder.header(name, fill(value, values)));
        return builder;
    }

    /** Keeps what later requests refer to: the tokens issued and the id of the operator added. */
    private static void remember(Message request, HttpResponse<String> answer, Map<String, String> values) {
        String path = request.startLine().split(" ")[1];
        switch (path) {
            case "/api/company/get-token" -> values.putIfAbsent("{company-token}", token(answer));
            case "/api/operator/get-token" -> values.put("{operator-token}", token(answer));
            case "/api/operator/synchronize" -> values.put("{added-operator}", json(answer.body()).get(0).path("id").asText());
            default -> { }
        }
    }

    private static String fill(String text, Map<String, String> values) {
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        return text;
    }

    private static List<String> differences(Message reference, HttpResponse<String> answer) {
        List<String> differences = new ArrayList<>();
        int status = Integer.parseInt(reference.startLine());
        if (answer.statusCode() != status) {
            differences.add("status: reference " + status + ", sandbox " + answer.statusCode() + " " + answer.body());
            return differences;
        }
        String referenceType = reference.headers().getOrDefault("Content-Type", "");
        String type = answer.headers().firstValue("Content-Type").map(value -> value.split(";")[0].strip()).orElse("");
        if (!referenceType.equals(type)) {
            differences.add("content type: reference " + describe(referenceType) + ", sandbox " + describe(type));
        }
        String referenceShape = shape(referenceType, reference.body());
        String shape = shape(type, answer.body());
        if (!referenceShape.equals(shape)) {
            differences.add("body shape: reference " + referenceShape + ", sandbox " + shape);
        } else if (reference.directives().contains("@jwt-claims")) {
            Map<String, String> claims = claimTypes(token(type, answer.body()));
            claimTypes(token(referenceType, reference.body())).forEach((claim, claimType) -> {
                if (!claimType.equals(claims.get(claim))) {
                    differences.add("JWT claim " + claim + ": reference " + claimType + ", sandbox "
                            + claims.getOrDefault(claim, "missing"));
                }
            });
        }
        return differences;
    }

    private static String describe(String mediaType) {
        return mediaType.isEmpty() ? "none" : mediaType;
    }

    /** What a body is, in words: the same words for the same shape, whatever the values. */
    private static String shape(String mediaType, String body) {
        if (body == null || body.isEmpty()) {
            return "no body";
        }
        if (!mediaType.equals("application/json")) {
            return JWT.matcher(body).matches() ? "a bare JWT" : "bare text";
        }
        try {
            return shape(MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            return "JSON that does not parse";
        }
    }

    private static String shape(JsonNode node) {
        if (node.isTextual()) {
            return JWT.matcher(node.asText()).matches() ? "a JSON string holding a JWT" : "a JSON string";
        }
        if (node.isArray()) {
            Set<String> elements = new TreeSet<>();
            node.forEach(element -> elements.add(shape(element)));
            return elements.size() == 1 ? "an array of " + elements.iterator().next()
                    : "an array of mixed elements " + elements;
        }
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), field.getValue().isObject() || field.getValue().isArray()
                        ? shape(field.getValue()) : field.getValue().getNodeType().name().toLowerCase());
            }
            return fields.entrySet().stream().map(field -> field.getKey() + ": " + field.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return node.getNodeType().name().toLowerCase();
    }

    private static String token(HttpResponse<String> answer) {
        return token(answer.headers().firstValue("Content-Type").orElse("").split(";")[0].strip(), answer.body());
    }

    private static String token(String mediaType, String body) {
        return mediaType.equals("application/json") ? json(body).asText() : body;
    }

    private static Map<String, String> claimTypes(String jwt) {
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])));
        Map<String, String> types = new TreeMap<>();
        claims.fields().forEachRemaining(claim -> types.put(claim.getKey(), claim.getValue().getNodeType().name()));
        return types;
    }

    private static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
