package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.sandbox.ChatHubSandbox.TokenEncoding;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves every sandbox request: counts it, applies faults, checks company auth, and answers as ChatHub's reference
 * pages show. What those pages do not state (error statuses for unknown or inactive operators, error bodies, the
 * offset demanded in {@code expiresAt}) is the sandbox's own choice, listed in docs/sandbox.md.
 */
final class SandboxHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(SandboxHandler.class.getName());

    /** One HTTP answer. */
    private static final class Answer {
        private final int status;
        private final Map<String, String> headers;
        private final byte[] body;

        Answer(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        int status() {
            return status;
        }

        Map<String, String> headers() {
            return headers;
        }

        byte[] body() {
            return body;
        }

        static Answer of(int status, String contentType, String body) {
            return new Answer(status, Collections.singletonMap("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
        }
    
    }

    /** Ends a request with an error status; the message goes into the JSON error body. */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Rejection(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final SandboxState state;
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private final SandboxJwt jwt;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final byte[] widgetScript;
    private final AtomicIntegerArray calls = new AtomicIntegerArray(SandboxEndpoint.values().length);
    private final AtomicIntegerArray tokenAnswers = new AtomicIntegerArray(TokenEncoding.values().length);
    private final AtomicLong requestIds = new AtomicLong();

    SandboxHandler(SandboxState state, Clock clock, ObjectMapper mapper, byte[] widgetScript) {
        this.state = state;
        this.jwt = new SandboxJwt(mapper);
        this.clock = clock;
        this.mapper = mapper;
        this.widgetScript = widgetScript;
    }

    Misbehaviour misbehaviour() {
        return misbehaviour;
    }

    void misbehave(Misbehaviour misbehaviour) {
        this.misbehaviour = misbehaviour;
    }

    int calls(SandboxEndpoint endpoint) {
        return calls.get(endpoint.ordinal());
    }

    /** How many get-token answers (company and operator) carried their token in {@code encoding}. */
    int tokenAnswers(TokenEncoding encoding) {
        return tokenAnswers.get(encoding.ordinal());
    }

    void resetCalls() {
        for (AtomicIntegerArray counters : Collections.unmodifiableList(Arrays.asList(calls, tokenAnswers))) {
            for (int i = 0; i < counters.length(); i++) {
                counters.set(i, 0);
            }
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            exchange.getResponseHeaders().set("X-Request-Id", "sandbox-" + requestIds.incrementAndGet());
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "sandbox failed to answer " + exchange.getRequestURI().getPath());
                answer = error(500, "sandbox error");
            }
            send(exchange, answer);
        } catch (IOException e) {
            LOG.log(Level.FINE, "sandbox client went away", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
        SandboxEndpoint endpoint = SandboxEndpoint.ofPath(exchange.getRequestURI().getPath());
        if (endpoint == null) {
            return error(404, "no such endpoint");
        }
        calls.incrementAndGet(endpoint.ordinal());
        if (!endpoint.method().equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", endpoint.method());
            return error(405, endpoint.path() + " takes " + endpoint.method());
        }
        Misbehaviour.Canned canned = misbehaviour.apply(endpoint);
        if (canned != null) {
            return Answer.of(canned.status(), canned.contentType(), canned.body());
        }
        try {
            if (endpoint == SandboxEndpoint.WIDGET_SCRIPT) {
                return widgetScript();
            }
            if (endpoint == SandboxEndpoint.COMPANY_TOKEN) {
                return companyToken(exchange, body(exchange));
            }
            if (!state.acceptsCompanyToken(companyToken(exchange))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                return error(401, "missing or unknown company token");
            }
            switch (endpoint) {
                case ORGANIZATIONS:
                    return organizations();
                case OPERATORS:
                    return operators(exchange.getRequestURI().getRawQuery());
                case OPERATOR_TOKEN:
                    return operatorToken(exchange, body(exchange));
                case VALIDATE_TOKEN:
                    return validateToken(body(exchange));
                case SYNCHRONIZE:
                    return synchronize(body(exchange));
                case STATUS:
                    return status(body(exchange));
                default:
                    throw new IllegalStateException("unrouted sandbox endpoint " + endpoint);
            }
        } catch (Rejection rejection) {
            return error(rejection.status, rejection.getMessage());
        }
    }

    private Answer widgetScript() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/javascript; charset=utf-8");
        // Module scripts load in CORS mode: pages of any origin must be able to use the sandbox widget.
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Cache-Control", "no-cache");
        return new Answer(200, headers, widgetScript);
    }

    private Answer companyToken(HttpExchange exchange, JsonNode body) {
        if (ChatHubSandbox.LOGIN.equals(body.path("login").asText(null))
                && ChatHubSandbox.PASSWORD.equals(body.path("password").asText(null))) {
            String token = state.admitCompanyToken(jwt.issueCompanyToken(ChatHubSandbox.LOGIN, clock.instant()));
            return token(exchange, token, null);
        }
        return error(401, "wrong login or password");
    }

    private Answer organizations() {
        ArrayNode result = mapper.createArrayNode();
        state.organizations().forEach(organization -> result.add(organization(organization)));
        return json(200, result);
    }

    private Answer operators(String query) {
        long organizationId = organizationIdParameter(query);
        SandboxState.Organization organization = state.organization(organizationId)
                .orElseThrow(() -> new Rejection(404, "no organization " + organizationId));
        ArrayNode result = mapper.createArrayNode();
        for (SandboxState.Operator operator : state.operatorsOf(organizationId)) {
            result.add(operator(operator).set("organization", organization(organization)));
        }
        return json(200, result);
    }

    private Answer operatorToken(HttpExchange exchange, JsonNode body) {
        long operatorId = requiredLong(body, "id");
        Instant expiresAt = requiredInstant(body, "expiresAt");
        SandboxState.Operator operator = state.operator(operatorId)
                .orElseThrow(() -> new Rejection(404, "no operator " + operatorId));
        if (operator.status() != SandboxState.ACTIVE) {
            throw new Rejection(400, "operator " + operatorId + " is not active");
        }
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw new Rejection(400, "expiresAt " + expiresAt + " is not in the future");
        }
        if (expiresAt.isAfter(now.plus(ChatHubClient.MAX_TOKEN_LIFETIME))) {
            throw new Rejection(400, "expiresAt may be at most 24 hours ahead, was " + expiresAt);
        }
        SandboxState.Organization organization = state.organization(operator.organizationId()).get();
        Instant exp = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        return token(exchange, jwt.issueOperatorToken(operator, organization, now, exp), exp);
    }

    /**
     * A get-token answer: by default a JSON string, or bare text/plain when the request's {@code Accept} prefers it,
     * as ChatHub answers; the other encodings only when a test's {@link Misbehaviour#tokenEncoding} asks for them.
     */
    private Answer token(HttpExchange exchange, String token, Instant expiresAt) {
        TokenEncoding encoding = misbehaviour.tokenEncoding();
        if (encoding == null) {
            encoding = prefersText(exchange.getRequestHeaders().getFirst("Accept"))
                    ? TokenEncoding.TEXT_PLAIN : TokenEncoding.JSON_STRING;
        }
        tokenAnswers.incrementAndGet(encoding.ordinal());
        switch (encoding) {
            case JSON_STRING:
                return json(200, TextNode.valueOf(token));
            case TEXT_PLAIN:
                return Answer.of(200, ChatHubSandbox.TEXT, token);
            case OBJECT:
                ObjectNode object = mapper.createObjectNode().put("token", token);
                return json(200, expiresAt == null ? object : object.put("expiresAt", expiresAt.toString()));
            case BARE:
                return new Answer(200, Collections.<String, String>emptyMap(), token.getBytes(StandardCharsets.UTF_8));
            default:
                throw new IllegalStateException("unknown token encoding " + encoding);
        }
    }

    /**
     * Whether {@code accept} ranks {@code text/plain} above {@code application/json}; at equal quality, whichever it
     * names first wins. Wildcards prefer neither, so a request without a preference gets JSON.
     */
    static boolean prefersText(String accept) {
        if (accept == null) {
            return false;
        }
        List<String> types = new ArrayList<>();
        List<Double> qualities = new ArrayList<>();
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            types.add(parts[0].trim().toLowerCase(Locale.ROOT));
            qualities.add(quality(parts));
        }
        int text = types.indexOf("text/plain");
        int json = types.indexOf("application/json");
        if (text < 0 || qualities.get(text) <= 0) {
            return false;
        }
        return json < 0 || qualities.get(text) > qualities.get(json)
                || qualities.get(text).equals(qualities.get(json)) && text < json;
    }

    /** The {@code q} parameter of a media range; 1 when absent, 0 when unreadable. */
    private static double quality(String[] rangeAndParameters) {
        for (int i = 1; i < rangeAndParameters.length; i++) {
            String[] parameter = rangeAndParameters[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(parameter[1].trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private Answer validateToken(JsonNode body) {
        String token = requiredText(body, "token");
        JsonNode claims = jwt.verifiedClaims(token).orElse(null);
        if (claims == null || !claims.path("exp").canConvertToLong() || !claims.path("operator_id").canConvertToLong()) {
            return json(200, invalid("Invalid token"));
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!expiresAt.isAfter(clock.instant())) {
            return json(200, invalid("Token expired"));
        }
        return json(200, mapper.createObjectNode()
                .put("isValid", true)
                .put("operatorId", claims.path("operator_id").asLong())
                .put("clientId", 0)
                .put("expiresAt", expiresAt.toString())
                .putNull("error"));
    }

    private Answer synchronize(JsonNode body) {
        if (!body.isArray()) {
            throw new Rejection(400, "body must be a JSON array of {organizationId, name}");
        }
        List<SandboxState.Operator> wanted = new ArrayList<>();
        for (JsonNode element : body) {
            long organizationId = requiredLong(element, "organizationId");
            if (!state.organization(organizationId).isPresent()) {
                throw new Rejection(404, "no organization " + organizationId);
            }
            wanted.add(new SandboxState.Operator(0, requiredText(element, "name"), organizationId,
                    SandboxState.ACTIVE));
        }
        ArrayNode result = mapper.createArrayNode();
        state.synchronize(wanted).forEach(operator -> result.add(operator(operator)));
        return json(200, result);
    }

    private Answer status(JsonNode body) {
        long operatorId = requiredLong(body, "id");
        long status = requiredLong(body, "status");
        if (status < SandboxState.ACTIVE || status > SandboxState.DELETED) {
            throw new Rejection(400, "status must be 0 (active), 1 (inactive) or 2 (deleted), was " + status);
        }
        state.setStatus(operatorId, (int) status).orElseThrow(() -> new Rejection(404, "no operator " + operatorId));
        return new Answer(200, Collections.emptyMap(), new byte[0]);
    }

    private ObjectNode organization(SandboxState.Organization organization) {
        return mapper.createObjectNode().put("id", organization.id()).put("name", organization.name());
    }

    private ObjectNode operator(SandboxState.Operator operator) {
        return mapper.createObjectNode()
                .put("id", operator.id())
                .put("name", operator.name())
                .put("status", operator.status());
    }

    private ObjectNode invalid(String error) {
        return mapper.createObjectNode().put("isValid", false).put("error", error);
    }

    private static String companyToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return exchange.getRequestHeaders().getFirst("X-Authorization-Key");
    }

    private static long organizationIdParameter(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        try {
            return Long.parseLong(parameters.getOrDefault("organizationId", ""));
        } catch (NumberFormatException e) {
            throw new Rejection(400, "query parameter organizationId is required (a number)");
        }
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = mapper.readTree(in);
            if (body == null || body.isMissingNode()) {
                throw new Rejection(400, "a JSON body is required");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new Rejection(400, "body is not valid JSON");
        }
    }

    private static long requiredLong(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Rejection(400, "field " + field + " is required (a whole number)");
        }
        return value.asLong();
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().trim().isEmpty()) {
            throw new Rejection(400, "field " + field + " is required (a non-empty string)");
        }
        return value.asText();
    }

    private static Instant requiredInstant(JsonNode body, String field) {
        String text = requiredText(body, field);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Rejection(400, "field " + field + " must be ISO-8601 with an offset, e.g. 2026-11-28T14:33:34Z");
        }
    }

    private Answer json(int status, JsonNode body) {
        return Answer.of(status, ChatHubSandbox.JSON, body.toString());
    }

    private Answer error(int status, String message) {
        return json(status, mapper.createObjectNode().put("error", message));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }
}
