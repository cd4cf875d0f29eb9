package com.smsbat.chathub.internal.config;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach ChatHub ({@code chathub.api.url}, {@code chathub.widget.url}, the company's credentials and the HTTP
 * timeouts), for the client. {@code apiUrl()} is {@code null} with the sandbox (known once it has started);
 * {@code widgetUrl()} {@code null} with the sandbox unless set explicitly. Secrets are never printed.
 */
public final class ClientSettings {

    private final boolean sandbox;
    private final URI apiUrl;
    private final URI widgetUrl;
    private final String login;
    private final String password;
    private final String companyToken;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private ClientSettings(SettingValues v) {
        String api = v.text(Setting.API_URL);
        sandbox = "sandbox".equalsIgnoreCase(api);
        login = v.text(Setting.LOGIN);
        password = v.text(Setting.PASSWORD);
        companyToken = v.text(Setting.COMPANY_TOKEN);
        if (!companyToken.isEmpty() && !(login.isEmpty() && password.isEmpty())) {
            throw new ChatHubConfigException(Setting.COMPANY_TOKEN, companyToken,
                    "set either chathub.company.token or chathub.login and chathub.password, not both");
        }
        if (login.isEmpty() != password.isEmpty()) {
            Setting missing = login.isEmpty() ? Setting.LOGIN : Setting.PASSWORD;
            throw new ChatHubConfigException(missing, "", "chathub.login and chathub.password go together");
        }
        apiUrl = sandbox ? null : v.apiUri(api);
        widgetUrl = v.widgetUri(sandbox);
        connectTimeout = v.positiveDuration(Setting.HTTP_CONNECT_TIMEOUT);
        requestTimeout = v.positiveDuration(Setting.HTTP_TIMEOUT);
    }

    static ClientSettings parse(SettingValues values) {
        return new ClientSettings(values);
    }

    /** Whether {@code chathub.api.url} is {@code sandbox}. */
    public boolean sandbox() {
        return sandbox;
    }

    public URI apiUrl() {
        return apiUrl;
    }

    public URI widgetUrl() {
        return widgetUrl;
    }

    public String login() {
        return login;
    }

    public String password() {
        return password;
    }

    public String companyToken() {
        return companyToken;
    }

    /** Whether the client can sign in at all: to the sandbox, or with company credentials of either kind. */
    public boolean canSignIn() {
        return sandbox || !companyToken.isEmpty() || !login.isEmpty();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Secrets are never printed. */
    @Override
    public String toString() {
        return "api=" + (sandbox ? "sandbox" : apiUrl) + ", widget=" + widgetUrl + ", login=" + login
                + ", password=" + (password.isEmpty() ? "" : "<redacted>")
                + ", companyToken=" + (companyToken.isEmpty() ? "" : "<redacted>");
    }
}
