package com.smsbat.chathub.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSON in and out of ChatHub. Bodies are read as trees and checked by hand, so that a problem is reported by its
 * place in the body ({@code $[2].name}) and never by its value, which may be a token.
 *
 * <p>Only Jackson API that exists since 2.9 is used here (the tree model, {@link JsonFactory.Feature}): applications
 * bring their own Jackson, and Maven puts theirs in {@code WEB-INF/lib} instead of ours.
 */
final class JsonBodies {

    /**
     * Jackson keeps its buffers in a ThreadLocal of whichever thread parses; a container's request threads outlive the
     * application, and that ThreadLocal would pin its class loader after an undeploy. Without recycling, a parser
     * allocates its few KB of buffers afresh: ChatHub's answers are small and rare.
     */
    // JsonFactory.disable is deprecated since 2.10, whose builder replaces it; 2.9 has no builder.
    @SuppressWarnings("deprecation")
    static final ObjectMapper MAPPER = new ObjectMapper(
            new JsonFactory().disable(JsonFactory.Feature.USE_THREAD_LOCAL_FOR_BUFFER_RECYCLING))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Company tokens go into an HTTP header: printable ASCII, no spaces. */
    private static final Pattern HEADER_SAFE_TOKEN = Pattern.compile("[\\x21-\\x7E]{1,4096}");

    /** A token as get-token answered it, with the expiry the body named, if any. */
    static final class TokenBody {
        private final String token;
        private final Instant expiresAt;

        TokenBody(String token, Instant expiresAt) {
            this.token = token;
            this.expiresAt = expiresAt;
        }

        String token() {
            return token;
        }

        Instant expiresAt() {
            return expiresAt;
        }
    }

    private JsonBodies() {
    }

    /** Does nothing but make the JVM initialize this class, and so link the Jackson it uses. */
    static void requireJackson() {
    }

    static String login(String login, String password) {
        return write(MAPPER.createObjectNode().put("login", login).put("password", password));
    }

    static String operatorTokenRequest(long operatorId, Instant expiresAt) {
        return write(MAPPER.createObjectNode().put("id", operatorId).put("expiresAt", expiresAt.toString()));
    }

    static String validationRequest(String token) {
        return write(MAPPER.createObjectNode().put("token", token));
    }

    static String statusRequest(long operatorId, int status) {
        return write(MAPPER.createObjectNode().put("id", operatorId).put("status", status));
    }

    static String newOperators(List<NewOperator> operators) {
        ArrayNode body = MAPPER.createArrayNode();
        for (NewOperator operator : operators) {
            body.addObject().put("organizationId", operator.organizationId()).put("name", operator.name());
        }
        return write(body);
    }

    private static String write(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body as JSON", e);
        }
    }

    static List<Organization> organizations(Call call, String body) {
        JsonNode organizations = array(call, tree(call, body), "$");
        List<Organization> result = new ArrayList<>(organizations.size());
        for (int i = 0; i < organizations.size(); i++) {
            result.add(organization(call, organizations.get(i), "$[" + i + "]"));
        }
        return Collections.unmodifiableList(result);
    }

    static List<Operator> operators(Call call, String body) {
        JsonNode operators = array(call, tree(call, body), "$");
        List<Operator> result = new ArrayList<>(operators.size());
        for (int i = 0; i < operators.size(); i++) {
            String where = "$[" + i + "]";
            JsonNode operator = object(call, operators.get(i), where);
            JsonNode organization = operator.get("organization");
            result.add(new Operator(
                    requiredLong(call, operator, "id", where),
                    requiredText(call, operator, "name", where),
                    OperatorStatus.ofCode((int) requiredLong(call, operator, "status", where)),
                    organization == null || organization.isNull() ? null
                            : organization(call, organization, where + ".organization")));
        }
        return Collections.unmodifiableList(result);
    }

    static TokenValidation validation(Call call, String body) {
        JsonNode validation = object(call, tree(call, body), "$");
        JsonNode valid = present(validation, "isValid");
        if (valid == null) {
            throw unusable(call, "a body without the required field $.isValid");
        }
        if (!valid.isBoolean()) {
            throw wrongType(call, "$.isValid");
        }
        JsonNode operatorId = present(validation, "operatorId");
        if (operatorId != null && !operatorId.canConvertToLong()) {
            throw wrongType(call, "$.operatorId");
        }
        String expiresAt = optionalText(call, validation, "expiresAt", "$");
        return new TokenValidation(valid.booleanValue(),
                operatorId == null ? null : operatorId.longValue(),
                expiresAt == null ? null : instant(call, expiresAt, "$.expiresAt"),
                optionalText(call, validation, "error", "$"));
    }

    /**
     * The token from a get-token answer in any of the forms ChatHub's docs show: bare text, a JSON string, or an
     * object with {@code token} and optionally {@code expiresAt} or {@code expiration}.
     */
    static TokenBody tokenBody(Call call, String body) {
        String text = body == null ? "" : body.trim();
        if (text.isEmpty()) {
            throw unusable(call, "an empty body");
        }
        if (text.startsWith("{")) {
            JsonNode object = tree(call, text);
            JsonNode token = object.get("token");
            if (token == null || !token.isTextual() || token.asText().trim().isEmpty()) {
                throw unusable(call, "a body without the required field $.token");
            }
            return new TokenBody(token.asText(), bodyExpiry(call, object));
        }
        if (text.startsWith("\"")) {
            JsonNode token = tree(call, text);
            if (!token.isTextual() || token.asText().trim().isEmpty()) {
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
        for (String field : new String[] {"expiresAt", "expiration"}) {
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
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.trim(), OffsetDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof OffsetDateTime ? ((OffsetDateTime) parsed).toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw unusable(call, "a body whose " + where + " is not an ISO-8601 date-time");
        }
    }

    private static Organization organization(Call call, JsonNode organization, String where) {
        JsonNode present = object(call, organization, where);
        return new Organization(requiredLong(call, present, "id", where), requiredText(call, present, "name", where));
    }

    /** The field, or {@code null} when it is missing or JSON {@code null}. */
    private static JsonNode present(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static long requiredLong(Call call, JsonNode object, String field, String where) {
        JsonNode value = present(object, field);
        if (value == null) {
            throw unusable(call, "a body without the required field " + where + "." + field);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(call, where + "." + field);
        }
        return value.longValue();
    }

    private static String requiredText(Call call, JsonNode object, String field, String where) {
        String value = optionalText(call, object, field, where);
        if (value == null) {
            throw unusable(call, "a body without the required field " + where + "." + field);
        }
        return value;
    }

    private static String optionalText(Call call, JsonNode object, String field, String where) {
        JsonNode value = present(object, field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(call, where + "." + field);
        }
        return value.textValue();
    }

    private static JsonNode object(Call call, JsonNode value, String where) {
        if (value == null || value.isNull()) {
            throw unusable(call, "a body without the required field " + where);
        }
        if (!value.isObject()) {
            throw wrongType(call, where);
        }
        return value;
    }

    private static JsonNode array(Call call, JsonNode value, String where) {
        if (!value.isArray()) {
            throw unusable(call, "a body of the wrong shape");
        }
        return value;
    }

    private static JsonNode tree(Call call, String body) {
        if (body == null || body.trim().isEmpty()) {
            throw unusable(call, "an empty body");
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            // Jackson's own messages quote the offending input, which may be a token: never passed on.
            throw unusable(call, "a body that is not valid JSON");
        }
    }

    private static ChatHubResponseException wrongType(Call call, String where) {
        return unusable(call, "a body with a value of the wrong type at " + where);
    }

    private static ChatHubResponseException unusable(Call call, String what) {
        return new ChatHubResponseException("ChatHub answered " + call + " with " + what);
    }
}
