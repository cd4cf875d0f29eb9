package com.smsbat.chathub.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.smsbat.chathub.client.HttpTransport.Call;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSON in and out of ChatHub. Bodies are read into lenient records and then checked by hand, so that a problem
 * is reported by its place in the body ({@code $[2].name}) and never by its value, which may be a token.
 */
final class JsonBodies {

    /** Buffers pooled in the mapper, not in ThreadLocals of whichever (container) thread calls: see TokenEndpoint. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Company tokens go into an HTTP header: printable ASCII, no spaces. */
    private static final Pattern HEADER_SAFE_TOKEN = Pattern.compile("[\\x21-\\x7E]{1,4096}");

    private static final TypeReference<List<OrganizationBody>> ORGANIZATIONS = new TypeReference<>() { };
    private static final TypeReference<List<OperatorBody>> OPERATORS = new TypeReference<>() { };
    private static final TypeReference<ValidationBody> VALIDATION = new TypeReference<>() { };

    record OrganizationBody(Long id, String name) { }

    record OperatorBody(Long id, String name, Integer status, OrganizationBody organization) { }

    record ValidationBody(@JsonProperty("isValid") Boolean isValid, Long operatorId, String expiresAt,
                          String error) { }

    record OperatorTokenRequest(long id, String expiresAt) { }

    record ValidationRequest(String token) { }

    record StatusRequest(long id, int status) { }

    record LoginRequest(String login, String password) { }

    /** A token as get-token answered it, with the expiry the body named, if any. */
    record TokenBody(String token, Instant expiresAt) { }

    private JsonBodies() {
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static List<Organization> organizations(Call call, String body) {
        List<OrganizationBody> organizations = read(call, body, ORGANIZATIONS);
        List<Organization> result = new ArrayList<>(organizations.size());
        for (int i = 0; i < organizations.size(); i++) {
            result.add(organization(call, organizations.get(i), "$[" + i + "]"));
        }
        return List.copyOf(result);
    }

    static List<Operator> operators(Call call, String body) {
        List<OperatorBody> operators = read(call, body, OPERATORS);
        List<Operator> result = new ArrayList<>(operators.size());
        for (int i = 0; i < operators.size(); i++) {
            String where = "$[" + i + "]";
            OperatorBody operator = required(call, operators.get(i), where);
            result.add(new Operator(
                    required(call, operator.id(), where + ".id"),
                    required(call, operator.name(), where + ".name"),
                    OperatorStatus.ofCode(required(call, operator.status(), where + ".status")),
                    operator.organization() == null ? null
                            : organization(call, operator.organization(), where + ".organization")));
        }
        return List.copyOf(result);
    }

    static TokenValidation validation(Call call, String body) {
        ValidationBody validation = required(call, read(call, body, VALIDATION), "$");
        return new TokenValidation(
                required(call, validation.isValid(), "$.isValid"),
                validation.operatorId(),
                validation.expiresAt() == null ? null : instant(call, validation.expiresAt(), "$.expiresAt"),
                validation.error());
    }

    /**
     * The token from a get-token answer in any of the forms ChatHub's docs show: bare text, a JSON string, or an
     * object with {@code token} and optionally {@code expiresAt} or {@code expiration}.
     */
    static TokenBody tokenBody(Call call, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw unusable(call, "an empty body");
        }
        if (text.startsWith("{")) {
            JsonNode object = tree(call, text);
            JsonNode token = object.get("token");
            if (token == null || !token.isTextual() || token.asText().isBlank()) {
                throw unusable(call, "a body without the required field $.token");
            }
            return new TokenBody(token.asText(), bodyExpiry(call, object));
        }
        if (text.startsWith("\"")) {
            JsonNode token = tree(call, text);
            if (!token.isTextual() || token.asText().isBlank()) {
                throw unusable(call, "a JSON string body that holds no token");
            }
            return new TokenBody(token.asText(), null);
        }
        return new TokenBody(text, null);
    }

    /** Checks a company token can be sent back in a header; the token itself is never part of the message. */
    static String companyToken(Call call, TokenBody body) {
        if (!HEADER_SAFE_TOKEN.matcher(body.token()).matches()) {
            throw unusable(call, "a company token that is not printable ASCII without spaces");
        }
        return body.token();
    }

    /** The {@code exp} claim of a JWT, if its payload is readable JSON with a numeric {@code exp}. */
    static Optional<Instant> jwtExpiry(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode exp = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1])).get("exp");
            return exp != null && exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Instant bodyExpiry(Call call, JsonNode object) {
        for (String field : List.of("expiresAt", "expiration")) {
            JsonNode value = object.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isTextual()) {
                    throw unusable(call, "a body whose $." + field + " is not an ISO-8601 string");
                }
                return instant(call, value.asText(), "$." + field);
            }
        }
        return null;
    }

    /** ISO-8601 with an offset; without one, UTC, which is what ChatHub means everywhere. */
    private static Instant instant(Call call, String text, String where) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.strip(), OffsetDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw unusable(call, "a body whose " + where + " is not an ISO-8601 date-time");
        }
    }

    private static Organization organization(Call call, OrganizationBody organization, String where) {
        OrganizationBody present = required(call, organization, where);
        return new Organization(required(call, present.id(), where + ".id"),
                required(call, present.name(), where + ".name"));
    }

    private static <T> T required(Call call, T value, String where) {
        if (value == null) {
            throw unusable(call, "a body without the required field " + where);
        }
        return value;
    }

    private static <T> T read(Call call, String body, TypeReference<T> type) {
        if (body == null || body.isBlank()) {
            throw unusable(call, "an empty body");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw unusable(call, problem(e));
        }
    }

    private static JsonNode tree(Call call, String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw unusable(call, problem(e));
        }
    }

    /** Jackson's own messages quote the offending input, which may be a token: only its place is reported. */
    private static String problem(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return "a body that is not valid JSON";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "a body with a value of the wrong type at $" + mapping.getPath().stream()
                    .map(step -> step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]")
                    .collect(Collectors.joining());
        }
        return "a body of the wrong shape";
    }

    private static ChatHubResponseException unusable(Call call, String what) {
        return new ChatHubResponseException("ChatHub answered " + call + " with " + what);
    }
}
