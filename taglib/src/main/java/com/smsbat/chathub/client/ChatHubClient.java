package com.smsbat.chathub.client;

import com.smsbat.chathub.client.HttpTransport.Call;
import com.smsbat.chathub.client.HttpTransport.Reply;
import com.smsbat.chathub.client.JsonBodies.TokenBody;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls the ChatHub API: organizations, operators, operator tokens. Thread-safe; build one per company and share it.
 *
 * <p>Every call carries the company token. When ChatHub answers 401 the client logs in again once and repeats
 * the call once (concurrent 401s share that one login); a second 401 throws {@link ChatHubAuthenticationException},
 * after which calls fail fast with it for 30 seconds instead of calling ChatHub.
 *
 * <p>Every method may throw {@link ChatHubIoException} (no answer within the timeouts), {@link ChatHubApiException}
 * (an error status), {@link ChatHubAuthenticationException} or {@link ChatHubResponseException} (an unusable body,
 * among them one over {@link #MAX_BODY_BYTES} or a token over {@link OperatorToken#MAX_LENGTH} characters).
 */
public final class ChatHubClient implements AutoCloseable {

    /** Where ChatHub is: the builder's base URI unless set. */
    public static final URI PRODUCTION_URI = URI.create("https://chatapi.smsbat.com");
    /** ChatHub refuses an operator token's {@code expiresAt} more than this far ahead. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);
    /** The builder's connect timeout unless set; also the default of {@code chathub.http.connect-timeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The builder's timeout of each call unless set; also the default of {@code chathub.http.timeout}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** The largest answer read from ChatHub, 1 MiB: its lists and tokens are a few KB; more is not ChatHub. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final URI baseUri;
    private final HttpTransport transport;
    private final CompanySession session;

    private ChatHubClient(Builder builder) {
        Redactor redactor = new Redactor();
        this.baseUri = builder.baseUri;
        this.transport = new HttpTransport(builder.baseUri, builder.connectTimeout, builder.requestTimeout, redactor);
        this.session = builder.companyToken != null
                ? CompanySession.withFixedToken(transport, redactor, builder.clock, builder.companyToken)
                : CompanySession.loggingIn(transport, redactor, builder.clock, builder.login, builder.password);
    }

    /**
     * A client to configure: credentials or a company token are required, everything else has a default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The one rule for where ChatHub (and the widget script) may be, for the builder and for the settings alike:
     * https, or plain http only to this machine (127.0.0.0/8, ::1, {@code localhost}), where nobody on the wire can
     * read the company credentials and tokens. Host names other than {@code localhost} are not resolved.
     *
     * @param uri an absolute URI
     * @return whether ChatHub may be there
     */
    public static boolean isSecureAddress(URI uri) {
        String scheme = uri.getScheme();
        return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) && isLoopback(uri.getHost());
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        Matcher ipv4 = IPV4_LOOPBACK.matcher(host);
        if (ipv4.matches()) {
            for (int group = 1; group <= 3; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // An IPv6 literal: parsed, never looked up.
                return InetAddress.getByName(host.substring(1, host.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * The company's organizations.
     *
     * @return the organizations, in ChatHub's order
     */
    public List<Organization> organizations() {
        Call call = Call.get("/api/company/organization");
        return JsonBodies.organizations(call, exchange(call, null).body());
    }

    /**
     * The operators of one organization, whatever their status.
     *
     * @param organizationId ChatHub organization id
     * @return the operators, in ChatHub's order
     */
    public List<Operator> operators(long organizationId) {
        Call call = Call.get("/api/operator?organizationId=" + organizationId);
        return JsonBodies.operators(call, exchange(call, null).body());
    }

    /**
     * A new token for the operator's browser panel. Its {@code expiresAt} is the earliest of {@code expiresAt},
     * the expiry ChatHub's answer names and the token's own {@code exp} claim.
     *
     * @param operatorId ChatHub operator id
     * @param expiresAt  at most 24 hours ahead, or ChatHub answers 400
     * @return the token and when it expires
     * @throws ChatHubResponseException when the answer holds no JWT-shaped token
     */
    public OperatorToken operatorToken(long operatorId, Instant expiresAt) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Call call = Call.post("/api/operator/get-token");
        Reply reply = exchange(call, JsonBodies.operatorTokenRequest(operatorId, expiresAt));
        TokenBody body = JsonBodies.tokenBody(call, reply.body());
        if (body.token().length() > OperatorToken.MAX_LENGTH) {
            throw new ChatHubResponseException("ChatHub answered " + call + " with a token longer than "
                    + OperatorToken.MAX_LENGTH + " characters");
        }
        if (!OperatorToken.isJwtShaped(body.token())) {
            throw new ChatHubResponseException("ChatHub answered " + call + " with a token that is not JWT-shaped");
        }
        Instant expiry = expiresAt;
        if (body.expiresAt() != null && body.expiresAt().isBefore(expiry)) {
            expiry = body.expiresAt();
        }
        Instant claimed = JsonBodies.jwtExpiry(body.token()).orElse(expiry);
        return new OperatorToken(body.token(), claimed.isBefore(expiry) ? claimed : expiry);
    }

    /**
     * ChatHub's verdict on an operator token.
     *
     * @param token an operator token
     * @return whether ChatHub accepts it, and what it says about it
     */
    public TokenValidation validateToken(String token) {
        Objects.requireNonNull(token, "token");
        Call call = Call.post("/api/operator/validate-token");
        return JsonBodies.validation(call, exchange(call, JsonBodies.validationRequest(token), token).body());
    }

    /**
     * Adds operators to their organizations.
     *
     * @param operators the operators to add
     * @return the operators as ChatHub created them, with their ids
     */
    public List<Operator> synchronize(List<NewOperator> operators) {
        Objects.requireNonNull(operators, "operators");
        Call call = Call.post("/api/operator/synchronize");
        return JsonBodies.operators(call, exchange(call, JsonBodies.newOperators(operators)).body());
    }

    /**
     * Sets an operator's status.
     *
     * @param operatorId ChatHub operator id
     * @param status     anything but {@link OperatorStatus#OTHER}, which has no ChatHub code
     */
    public void setStatus(long operatorId, OperatorStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == OperatorStatus.OTHER) {
            throw new IllegalArgumentException("status OTHER cannot be sent to ChatHub; use ACTIVE, INACTIVE or DELETED");
        }
        exchange(Call.post("/api/operator/status"), JsonBodies.statusRequest(operatorId, status.code()));
    }

    /** One call with the company token: one login and one retry on 401, never more. */
    private Reply exchange(Call call, String json, String... secretsInRequest) {
        String companyToken = session.token();
        Reply reply = transport.send(call, json, companyToken);
        if (reply.status() == 401) {
            reply = transport.send(call, json, session.renew(companyToken, call, reply));
            if (reply.status() == 401) {
                throw session.refusedAfterRenewal(call, reply);
            }
        }
        if (!reply.isSuccess()) {
            throw transport.failure(call, reply, secretsInRequest);
        }
        return reply;
    }

    /** Ends the calls in flight; calls made afterwards fail with {@link ChatHubIoException}. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "ChatHubClient[" + baseUri + "]";
    }

    /** Configures a {@link ChatHubClient}: a base URI and exactly one kind of company credentials. */
    public static final class Builder {

        private URI baseUri = PRODUCTION_URI;
        private String login;
        private String password;
        private String companyToken;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Where ChatHub is; default {@link #PRODUCTION_URI}. Must be https, or http on loopback
         * ({@link #isSecureAddress}).
         *
         * @param baseUri an absolute http(s) URI with a host, without user info, query or fragment
         * @return this builder
         */
        public Builder baseUri(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            if (baseUri.getHost() == null) {
                throw new IllegalArgumentException("ChatHub baseUri must be an absolute http(s) URI with a host");
            }
            if (baseUri.getRawUserInfo() != null || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "ChatHub baseUri must not carry user info, a query or a fragment; configure credentials instead");
            }
            if (!isSecureAddress(baseUri)) {
                throw new IllegalArgumentException("ChatHub baseUri must be https (http only on loopback: 127.0.0.0/8,"
                        + " ::1, localhost), was " + baseUri);
            }
            this.baseUri = baseUri;
            return this;
        }

        /**
         * Company login and password, exchanged for a company token and again whenever ChatHub answers 401.
         *
         * @param login    the company login
         * @param password the company password
         * @return this builder
         */
        public Builder credentials(String login, String password) {
            this.login = requireText(login, "ChatHub login");
            this.password = requireText(password, "ChatHub password");
            return this;
        }

        /**
         * A company token from the ChatHub dashboard; when ChatHub refuses it there is no way to renew it.
         *
         * @param token the company token
         * @return this builder
         */
        public Builder companyToken(String token) {
            this.companyToken = requireText(token, "ChatHub company token");
            return this;
        }

        /**
         * How long to wait for a connection to ChatHub.
         *
         * @param connectTimeout positive; default 2 seconds
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Applied to every request, from sending it to the end of the answer, in total: a call ends after at most
         * the connect timeout and this, however slowly ChatHub sends.
         *
         * @param requestTimeout positive; default 5 seconds
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Measures the back-off after refused credentials.
         *
         * @param clock default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The client, ready to use.
         *
         * @return a new client; close it when done
         * @throws IllegalStateException unless exactly one of credentials and company token was given
         */
        public ChatHubClient build() {
            if ((login == null) == (companyToken == null)) {
                throw new IllegalStateException(
                        "configure exactly one of ChatHub credentials (login and password) and a company token");
            }
            // Jackson is the application's, from 2.9 on: one too old or missing shows here, when the application
            // starts, rather than at the first page that asks ChatHub.
            JsonBodies.requireJackson();
            return new ChatHubClient(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.trim().isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
