package com.smsbat.chathub.internal.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatHubConfigTest {

    private static ChatHubConfig parse(Map<String, String> values) {
        Map<Setting, String> bySetting = new HashMap<>();
        values.forEach((key, value) -> bySetting.put(
                List.of(Setting.values()).stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(), value));
        return ChatHubConfig.parse(bySetting::get);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ChatHubConfig config = parse(Map.of());

        assertEquals(URI.create("https://chatapi.smsbat.com"), config.apiUrl());
        assertEquals(URI.create("https://widget.smsbat.com/operator-chat-panel/widget-script.js"), config.widgetUrl());
        assertEquals(Duration.ofMinutes(23 * 60 + 50), config.tokenLifetime());
        assertEquals(Duration.ofHours(1), config.tokenRefreshAhead());
        assertEquals(Duration.ofSeconds(2), config.waitBudget());
        assertEquals("/api/chathub/token", config.endpointPath());
        assertEquals(Duration.ofMinutes(1), config.renewalCheck());
        assertFalse(config.inject());
        assertTrue(config.failOnInvalid());
        assertFalse(config.hasCredentials());
    }

    @Test
    void sandboxLeavesApiAndWidgetUrlsToTheSandbox() {
        ChatHubConfig config = parse(Map.of("chathub.api.url", "sandbox"));

        assertTrue(config.sandbox());
        assertNull(config.apiUrl());
        assertNull(config.widgetUrl());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "chathub.wait|soon|chathub.wait=\"soon\" is invalid: must be a positive ISO-8601 duration",
            "chathub.wait|PT0S|chathub.wait=\"PT0S\" is invalid: must be a positive ISO-8601 duration",
            "chathub.token.lifetime|PT25H|chathub.token.lifetime=\"PT25H\" is invalid: must be at most PT24H",
            "chathub.token.refresh-ahead|PT24H|chathub.token.refresh-ahead=\"PT24H\" is invalid: must be shorter than chathub.token.lifetime",
            "chathub.renewal.check|often|chathub.renewal.check=\"often\" is invalid: must be a positive ISO-8601 duration",
            "chathub.renewal.check|PT0.5S|chathub.renewal.check=\"PT0.5S\" is invalid: must be at least PT1S",
            "chathub.enabled|yes|chathub.enabled=\"yes\" is invalid: must be true or false",
            "chathub.cache.max-operators|-5|chathub.cache.max-operators=\"-5\" is invalid: must be a whole number greater than 0",
            "chathub.api.url|http://chat.example.com|chathub.api.url=\"http://chat.example.com\" is invalid: must be an https URL",
            "chathub.api.url|not a url|chathub.api.url=\"not a url\" is invalid: is not a URL",
            "chathub.widget.url|http://cdn.example.com/w.js|chathub.widget.url=\"http://cdn.example.com/w.js\" is invalid: must be an https URL",
            "chathub.widget.url|javascript:alert(1)|chathub.widget.url=\"javascript:alert(1)\" is invalid: must be an absolute URL",
            "chathub.endpoint.path|api/token|chathub.endpoint.path=\"api/token\" is invalid: must be empty or an exact path",
            "chathub.login|alice|chathub.password=\"\" is invalid: chathub.login and chathub.password go together",
            "chathub.operator.provision.max-per-minute|0|chathub.operator.provision.max-per-minute=\"0\" is invalid: must be a whole number greater than 0",
    })
    void invalidValueIsReportedWithSettingAndValue(String setting, String value, String message) {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> parse(Map.of(setting, value)));

        assertTrue(failure.getMessage().startsWith(message), failure.getMessage());
    }

    @Test
    void companyTokenWithLoginIsRejectedWithoutRepeatingTheToken() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> parse(Map.of(
                "chathub.company.token", "s3cret-company-token", "chathub.login", "a", "chathub.password", "b")));

        assertEquals(Setting.COMPANY_TOKEN, failure.setting());
        assertFalse(failure.getMessage().contains("s3cret-company-token"), failure.getMessage());
    }

    @Test
    void loopbackHttpIsAcceptedForTheSandboxStandingAlone() {
        ChatHubConfig config = parse(Map.of("chathub.api.url", "http://127.0.0.1:8090",
                "chathub.widget.url", "http://localhost:8090/widget/operator-chat-panel/widget-script.js"));

        assertEquals(URI.create("http://127.0.0.1:8090"), config.apiUrl());
    }

    @Test
    void plainHttpIsAcceptedOnAllOfLoopbackAsTheClientAcceptsIt() {
        ChatHubConfig config = parse(Map.of("chathub.api.url", "http://127.1.2.3:8090",
                "chathub.widget.url", "http://[::1]:8090/widget/operator-chat-panel/widget-script.js"));

        assertEquals(URI.create("http://127.1.2.3:8090"), config.apiUrl());
    }

    @Test
    void directoryResolverWithoutRolesIsRefusedAtStartNamingChathubRole() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class,
                () -> parse(Map.of("chathub.operator.resolver", "directory")));

        assertEquals(Setting.ROLE, failure.setting());
        assertTrue(failure.getMessage().startsWith("chathub.role=\"\" is invalid: chathub.operator.resolver=directory"
                + " needs it"), failure.getMessage());
    }

    @Test
    void directoryResolverStartsWithTheRoleExpressionOfAnApplicationWithoutContainerRoles() {
        ChatHubConfig config = parse(Map.of("chathub.operator.resolver", "directory",
                "chathub.role.expression", "${sessionScope.account.agent}"));

        assertEquals("directory", config.operatorResolver());
    }

    @Test
    void onboardingCreatesTenOperatorsAMinuteUnlessSetOtherwise() {
        assertEquals(10, parse(Map.of()).operatorProvisionMaxPerMinute());
        assertEquals(3, parse(Map.of("chathub.operator.provision.max-per-minute", "3")).operatorProvisionMaxPerMinute());
    }

    @Test
    void toStringNeverShowsSecrets() {
        ChatHubConfig config = parse(Map.of("chathub.login", "acme", "chathub.password", "hunter2-password"));

        assertFalse(config.toString().contains("hunter2-password"), config.toString());
        assertTrue(config.toString().contains("login=acme"));
    }

    @Test
    void toStringNeverShowsTheCompanyToken() {
        ChatHubConfig config = parse(Map.of("chathub.company.token", "eyJ-company-token-from-the-dashboard"));

        assertFalse(config.toString().contains("eyJ-company-token-from-the-dashboard"), config.toString());
        assertTrue(config.toString().contains("companyToken=<redacted>"), config.toString());
    }

    @Test
    void settingsCanOnlyBeMadeByParsingSoNoneSkipValidation() {
        assertEquals(0, ChatHubConfig.class.getConstructors().length);
    }

    @Test
    void injectExclusionsAreSplitAndTrimmed() {
        ChatHubConfig config = parse(Map.of("chathub.inject.exclude", " /api/* , *.pdf,, /print "));

        assertEquals(List.of("/api/*", "*.pdf", "/print"), config.injectExclude());
    }

    @Test
    void environmentVariableNamesAreUpperCasedWithUnderscores() {
        assertEquals("CHATHUB_TOKEN_REFRESH_AHEAD", Setting.TOKEN_REFRESH_AHEAD.environmentVariable());
        assertEquals("chathub/api.url", Setting.API_URL.jndiName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mapping resolver|mapping|24|support|needs chathub.operator.resolver=directory",
            "no organization|directory||support|needs chathub.organization",
            "no role|directory|24||needs chathub.role",
    })
    void provisioningFailsFastWithoutWhatItNeeds(String what, String resolver, String organization, String role,
                                                 String expected) {
        Map<String, String> values = new HashMap<>(Map.of("chathub.operator.provision", "true",
                "chathub.operator.resolver", resolver));
        values.put("chathub.organization", organization == null ? "" : organization);
        values.put("chathub.role", role == null ? "" : role);

        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> parse(values));

        assertTrue(failure.getMessage().startsWith("chathub.operator.provision=\"true\" is invalid: " + expected),
                failure.getMessage());
    }

    @Test
    void rolesAndDebugUsersAreCommaSeparatedLists() {
        ChatHubConfig config = parse(Map.of("chathub.role", " support , sales ", "chathub.debug", "kim,lee"));

        assertEquals(List.of("support", "sales"), config.roles());
        assertTrue(config.debugs("kim"));
        assertFalse(config.debugs("ann"));
    }
}
