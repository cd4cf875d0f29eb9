package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.client.ChatHubClient;

import java.util.Locale;

/**
 * Every setting ChatHub Taglib reads, in one place: name, default and meaning. The settings
 * table of docs/settings.md is checked against this list by a test, so the two cannot drift apart.
 *
 * <p>Each setting is looked up, first match wins, as a system property ({@code -Dchathub.api.url=…}),
 * an environment variable ({@code CHATHUB_API_URL}: upper case, {@code .} and {@code -} as {@code _}),
 * a JNDI env-entry ({@code java:comp/env/chathub/api.url}), a filter init-param and a context-param.
 * So whoever runs the server can repoint a deployed WAR without rebuilding it.
 *
 * <p>Defaults that are also the client's own (timeouts, ChatHub's limit) are read from its constants, so each is
 * written once; the token cache takes its defaults from here ({@link CacheSettings#DEFAULTS}).
 */
public enum Setting {
    ENABLED("chathub.enabled", "true", "`false` turns the library off: widget tags render their body, the filter passes requests through."),
    API_URL("chathub.api.url", ChatHubClient.PRODUCTION_URI.toString(), "ChatHub API base URL, or `sandbox` to start the built-in offline sandbox (development only)."),
    WIDGET_URL("chathub.widget.url", "https://widget.smsbat.com/operator-chat-panel/widget-script.js", "Widget script URL; must be https (or http on loopback). With the sandbox, defaults to the sandbox's stand-in widget."),
    LOGIN("chathub.login", "", "Company login; with `chathub.password`, exchanged server-side for a company token."),
    PASSWORD("chathub.password", "", "Company password. Never logged, never sent to browsers."),
    COMPANY_TOKEN("chathub.company.token", "", "A company token from the ChatHub dashboard, instead of login and password."),
    ORGANIZATION("chathub.organization", "", "Default organization (id or name) for tags without `organization` and for mapping entries without one."),
    USER("chathub.user", "", "Where the user's name comes from, for apps with their own sign-in: an EL expression over `sessionScope`, `requestScope`, `header`, `headerValues`, `cookie` and `principal`, e.g. `${sessionScope.currentUser.login}`. Empty: `request.getRemoteUser()`."),
    USER_SESSION_ATTRIBUTE("chathub.user.session-attribute", "", "Shorthand for `chathub.user`: the session attribute that holds the user's name (or a `Principal`). Not together with `chathub.user`."),
    ROLE("chathub.role", "", "Comma-separated role names (`request.isUserInRole`): users in none of them get no panel, no token and cause no call to ChatHub; the token endpoint answers them 403. Empty: every logged-in user. The `directory` resolver needs it or `chathub.role.expression`."),
    ROLE_EXPRESSION("chathub.role.expression", "", "`chathub.role` for apps without container roles: an EL expression as `chathub.user`'s, e.g. `${sessionScope.currentUser.agent}`; only users for whom it is true may have a panel. With `chathub.role` set too, both must hold."),
    OPERATOR_RESOLVER("chathub.operator.resolver", "mapping", "How a user becomes a ChatHub operator: `mapping`, `session`, `directory`, or the class name of your own `com.smsbat.chathub.resolver.OperatorResolver`."),
    OPERATOR_MAPPING("chathub.operator.mapping", "/WEB-INF/chathub-operators.properties", "`mapping` resolver: properties resource with lines `user=operatorId` or `user=org:operatorId,org:operatorId`."),
    OPERATOR_SESSION_ATTRIBUTE("chathub.operator.session-attribute", "chathub.operator", "`session` resolver: session attribute holding the operator id (`101`) or assignments (`24:101,31:201`)."),
    OPERATOR_NAME_ATTRIBUTE("chathub.operator.name-attribute", "", "`directory` resolver: session attribute holding the name to match, one users cannot change themselves (not an editable display name); empty: the user name."),
    OPERATOR_PROVISION("chathub.operator.provision", "false", "`directory` resolver: a user in `chathub.role` with no operator of their name gets one created in `chathub.organization` of the company's ChatHub account (`synchronize`), once. Needs `chathub.role` and `chathub.organization`."),
    OPERATOR_PROVISION_MAX_PER_MINUTE("chathub.operator.provision.max-per-minute", "10", "Onboarding: most operators created in any minute; users who would need one more get the fallback until the minute has passed."),
    OPERATOR_DIRECTORY_REFRESH("chathub.operator.directory-refresh", "PT10M", "`directory` resolver and organization names: how long ChatHub's organization and operator lists are cached."),
    /** ChatHub's limit less ten minutes of leeway for clocks that disagree. */
    TOKEN_LIFETIME("chathub.token.lifetime", ChatHubClient.MAX_TOKEN_LIFETIME.minusMinutes(10).toString(), "Lifetime requested for operator tokens; at most " + ChatHubClient.MAX_TOKEN_LIFETIME + " (ChatHub's limit)."),
    TOKEN_REFRESH_AHEAD("chathub.token.refresh-ahead", "PT1H", "How long before expiry a token is renewed in the background."),
    TOKEN_VALIDATE("chathub.token.validate", "true", "Check each new token with ChatHub's validate-token before using it."),
    CACHE_MAX_OPERATORS("chathub.cache.max-operators", "10000", "Most operator tokens kept; the least recently used is dropped."),
    /** No token outlives ChatHub's limit, so an entry idle that long holds nothing worth keeping. */
    CACHE_IDLE_EXPIRY("chathub.cache.idle-expiry", ChatHubClient.MAX_TOKEN_LIFETIME.toString(), "A token not used for this long is dropped."),
    WAIT("chathub.wait", "PT2S", "Longest a page waits for a token that is not cached yet before rendering the fallback."),
    HTTP_CONNECT_TIMEOUT("chathub.http.connect-timeout", ChatHubClient.DEFAULT_CONNECT_TIMEOUT.toString(), "Connect timeout for calls to ChatHub."),
    HTTP_TIMEOUT("chathub.http.timeout", ChatHubClient.DEFAULT_REQUEST_TIMEOUT.toString(), "Timeout of each call to ChatHub, from sending it to the end of the answer; with the connect timeout, the longest a call can take."),
    FALLBACK("chathub.fallback", "", "HTML rendered in place of the panel when a widget tag has no body and no panel can be shown."),
    ENDPOINT_PATH("chathub.endpoint.path", "/api/chathub/token", "Path of the JSON token endpoint inside the app; empty turns it off."),
    RENEWAL("chathub.renewal", "true", "Pages renew their panel's token in the browser before it expires (needs the token endpoint)."),
    RENEWAL_CHECK("chathub.renewal.check", "PT1M", "How often an open page asks the token endpoint whether its user is still signed in (answered from the token cache, no ChatHub call); pages also ask when they come into view."),
    CSP_NONCE_ATTRIBUTE("chathub.csp.nonce-attribute", "cspNonce", "Request attribute holding this response's CSP nonce; when set, written as `nonce` on every script tag."),
    INJECT("chathub.inject", "false", "Zero-touch mode: the filter writes the panel before `</body>` of every HTML page of a user with an operator."),
    INJECT_EXCLUDE("chathub.inject.exclude", "", "Comma-separated servlet url-patterns (`/api/*`, `*.pdf`, `/print`) never injected into."),
    JMX("chathub.jmx", "true", "Register the token cache counters, and `explain(user)` (why a user has no panel), as an MBean `com.smsbat.chathub:type=TokenCache,context=<path>`."),
    DEBUG("chathub.debug", "", "Comma-separated user names, or `*`: each page's panel decision for them (resolver, and why there is no panel) is logged at INFO. Never tokens."),
    FAIL_ON_INVALID("chathub.fail-on-invalid-config", "true", "An invalid setting stops the deployment (`true`) or only disables the widget with an error in the log (`false`).");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The name used in init-params, context-params and system properties, e.g. {@code chathub.api.url}. */
    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable name: {@code chathub.token.refresh-ahead} → {@code CHATHUB_TOKEN_REFRESH_AHEAD}. */
    public String environmentVariable() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The JNDI name under {@code java:comp/env}: {@code chathub/api.url}. */
    public String jndiName() {
        return "chathub/" + key.substring("chathub.".length());
    }
}
