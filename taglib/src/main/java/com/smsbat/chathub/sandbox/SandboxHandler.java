package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Serves every sandbox request: counts it, applies faults, checks company auth, and answers as ChatHub would. */
final class SandboxHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(SandboxHandler.class.getName());
    private static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);

    /** One HTTP answer. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {

        static Answer of(int status, String contentType, String body) {
            return new Answer(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
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
    private final SandboxFaults faults;
    private final SandboxJwt jwt;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final byte[] widgetScript;
    private final AtomicIntegerArray calls = new AtomicIntegerArray(SandboxEndpoint.values().length);
    private final AtomicLong requestIds = new AtomicLong();

    SandboxHandler(SandboxState state, SandboxFaults faults, Clock clock, ObjectMapper mapper, byte[] widgetScript) {
        this.state = state;
        this.faults = faults;
        this.jwt = new SandboxJwt(mapper);
        this.clock = clock;
        this.mapper = mapper;
        this.widgetScript = widgetScript;
    }

    int calls(SandboxEndpoint endpoint) {
        return calls.get(endpoint.ordinal());
    }

    void resetCalls() {
        for (int i = 0; i < calls.length(); i++) {
            calls.set(i, 0);
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
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
        SandboxFaults.Canned canned = faults.apply(endpoint);
        if (canned != null) {
            return Answer.of(canned.status, canned.contentType, canned.body);
        }
        try {
            if (endpoint == SandboxEndpoint.WIDGET_SCRIPT) {
                return widgetScript();
            }
            if (endpoint == SandboxEndpoint.COMPANY_TOKEN) {
                return companyToken(body(exchange));
            }
            if (!state.acceptsCompanyToken(companyToken(exchange))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                return error(401, "missing or unknown company token");
            }
            return switch (endpoint) {
                case ORGANIZATIONS -> organizations();
                case OPERATORS -> operators(exchange.getRequestURI().getRawQuery());
                case OPERATOR_TOKEN -> operatorToken(body(exchange));
                case VALIDATE_TOKEN -> validateToken(body(exchange));
                case SYNCHRONIZE -> synchronize(body(exchange));
                case STATUS -> status(body(exchange));
                default -> throw new IllegalStateException("unrouted sandbox endpoint " + endpoint);
            };
        } catch (Rejection rejection) {
            return error(rejection.status, rejection.getMessage());
        }
    }

    private Answer widgetScript() {
        return new Answer(200, Map.of(
                "Content-Type", "text/javascript; charset=utf-8",
                // Module scripts load in CORS mode: pages of any origin must be able to use the sandbox widget.
                "Access-Control-Allow-Origin", "*",
                "Cache-Control", "no-cache"), widgetScript);
    }

    private Answer companyToken(JsonNode body) {
        if (ChatHubSandbox.LOGIN.equals(body.path("login").asText(null))
                && ChatHubSandbox.PASSWORD.equals(body.path("password").asText(null))) {
            return json(200, mapper.createObjectNode().put("token", state.issueCompanyToken()));
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

    private Answer operatorToken(JsonNode body) {
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
        if (expiresAt.isAfter(now.plus(MAX_TOKEN_LIFETIME))) {
            throw new Rejection(400, "expiresAt may be at most 24 hours ahead, was " + expiresAt);
        }
        SandboxState.Organization organization = state.organization(operator.organizationId()).orElseThrow();
        Instant exp = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        return json(200, mapper.createObjectNode()
                .put("token", jwt.issue(operator, organization, now, exp))
                .put("expiresAt", exp.toString()));
    }

    private Answer validateToken(JsonNode body) {
        String token = requiredText(body, "token");
        JsonNode claims = jwt.verifiedClaims(token).orElse(null);
        if (claims == null || !claims.path("exp").canConvertToLong() || !claims.path("operatorId").canConvertToLong()) {
            return json(200, invalid("Invalid token"));
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!expiresAt.isAfter(clock.instant())) {
            return json(200, invalid("Token expired"));
        }
        return json(200, mapper.createObjectNode()
                .put("isValid", true)
                .put("operatorId", claims.path("operatorId").asLong())
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
            if (state.organization(organizationId).isEmpty()) {
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
        return new Answer(200, Map.of(), new byte[0]);
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
            return authorization.substring(7).strip();
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
            byte[] bytes = in.readAllBytes();
            JsonNode body = bytes.length == 0 ? null : mapper.readTree(bytes);
            if (body == null || body.isMissingNode()) {
                throw new Rejection(400, "a JSON body is required");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
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
        if (!value.isTextual() || value.asText().isBlank()) {
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
