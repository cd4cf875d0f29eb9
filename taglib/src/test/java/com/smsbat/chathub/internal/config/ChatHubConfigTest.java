package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatHubConfigTest {

    /** The web application's files: the default mapping file, empty. */
    private static final Map<String, String> FILES = Map.of("/WEB-INF/chathub-operators.properties", "");

    private static ChatHubConfig parse(Map<String, String> values) {
        return parse(values, FILES);
    }

    private static ChatHubConfig parse(Map<String, String> values, Map<String, String> files) {
        return ChatHubConfig.parse(lookup(values), path -> files.containsKey(path)
                ? new ByteArrayInputStream(files.get(path).getBytes(StandardCharsets.UTF_8)) : null);
    }

    private static Function<Setting, String> lookup(Map<String, String> values) {
        Map<Setting, String> bySetting = new HashMap<>();
        values.forEach((key, value) -> bySetting.put(
                List.of(Setting.values()).stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(), value));
        return bySetting::get;
    }

    /** Settings of an application whose panels are on: credentials, and {@code values}. */
    private static Map<String, String> on(String... values) {
        Map<String, String> settings = new HashMap<>(Map.of("chathub.login", "acme", "chathub.password", "secret"));
        for (int i = 0; i < values.length; i += 2) {
            settings.put(values[i], values[i + 1]);
        }
        return settings;
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ChatHubConfig config = parse(Map.of());

        assertEquals(URI.create("https://chatapi.smsbat.com"), config.client().apiUrl());
        assertEquals(URI.create("https://widget.smsbat.com/operator-chat-panel/widget-script.js"),
                config.client().widgetUrl());
        assertEquals(Duration.ofMinutes(23 * 60 + 50), config.cache().lifetime());
        assertEquals(Duration.ofHours(1), config.cache().refreshAhead());
        assertEquals(Duration.ofSeconds(2), config.cache().waitBudget());
        assertEquals("/api/chathub/token", config.page().endpointPath());
        assertEquals(Duration.ofMinutes(1), config.page().renewalCheck());
        assertFalse(config.injection().inject());
        assertFalse(config.client().canSignIn());
    }

    @Test
    void sandboxLeavesApiAndWidgetUrlsToTheSandbox() {
        ChatHubConfig config = parse(Map.of("chathub.api.url", "sandbox"));

        assertTrue(config.client().sandbox());
        assertNull(config.client().apiUrl());
        assertNull(config.client().widgetUrl());
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

        assertEquals(URI.create("http://127.0.0.1:8090"), config.client().apiUrl());
    }

    @Test
    void plainHttpIsAcceptedOnAllOfLoopbackAsTheClientAcceptsIt() {
        ChatHubConfig config = parse(Map.of("chathub.api.url", "http://127.1.2.3:8090",
                "chathub.widget.url", "http://[::1]:8090/widget/operator-chat-panel/widget-script.js"));

        assertEquals(URI.create("http://127.1.2.3:8090"), config.client().apiUrl());
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

        assertEquals("directory", config.resolution().resolver());
    }

    @Test
    void onboardingCreatesTenOperatorsAMinuteUnlessSetOtherwise() {
        assertEquals(10, parse(Map.of()).resolution().provisionMaxPerMinute());
        assertEquals(3, parse(Map.of("chathub.operator.provision.max-per-minute", "3")).resolution()
                .provisionMaxPerMinute());
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

        assertEquals(List.of("/api/*", "*.pdf", "/print"), config.injection().exclude());
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

        assertEquals(List.of("support", "sales"), config.identity().roles());
        assertTrue(config.debugs("kim"));
        assertFalse(config.debugs("ann"));
    }

    @Test
    void failOnInvalidIsReadWithoutAParseAndOnlyFalseTurnsItOff() {
        assertTrue(ChatHubConfig.failsOnInvalid(lookup(Map.of())));
        assertTrue(ChatHubConfig.failsOnInvalid(lookup(Map.of("chathub.fail-on-invalid-config", "maybe"))));
        assertFalse(ChatHubConfig.failsOnInvalid(lookup(Map.of("chathub.fail-on-invalid-config", " FALSE "))));
    }

    @Test
    void enabledIsReadWithoutAParseAndOnlyFalseTurnsItOff() {
        assertTrue(ChatHubConfig.enabled(lookup(Map.of("chathub.wait", "soon"))));
        assertFalse(ChatHubConfig.enabled(lookup(Map.of("chathub.enabled", "False"))));
    }

    @Test
    void aMisspeltFailOnInvalidIsItselfAnInvalidSetting() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class,
                () -> parse(Map.of("chathub.fail-on-invalid-config", "maybe")));

        assertEquals(Setting.FAIL_ON_INVALID, failure.setting());
    }

    @Test
    void invalidInjectExclusionIsASettingErrorNamingThePattern() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class,
                () -> parse(Map.of("chathub.inject.exclude", "/ok/*, api/*")));

        assertEquals("chathub.inject.exclude=\"/ok/*,api/*\" is invalid: url-pattern \"api/*\" must start with \"/\" or"
                + " \"*.\"", failure.getMessage());
    }

    @Test
    void theMappingFileIsReadAndParsedAtStart() {
        ChatHubConfig config = parse(on("chathub.organization", "24"),
                Map.of("/WEB-INF/chathub-operators.properties", "kim=101\nlee=31:201, 24:102\n"));

        assertEquals(Map.of("kim", List.of(new OperatorAssignment(24, 101)),
                        "lee", List.of(new OperatorAssignment(31, 201), new OperatorAssignment(24, 102))),
                config.resolution().mapping());
    }

    @Test
    void aMissingMappingFileIsASettingError() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class,
                () -> parse(on("chathub.operator.mapping", "/WEB-INF/none.properties")));

        assertEquals("chathub.operator.mapping=\"/WEB-INF/none.properties\" is invalid: no such resource in the web"
                + " application", failure.getMessage());
    }

    @Test
    void aMappingEntryThatIsNoOperatorIsASettingErrorNamingTheUser() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> parse(on(),
                Map.of("/WEB-INF/chathub-operators.properties", "kim=24:101,24:102\n")));

        assertEquals(Setting.OPERATOR_MAPPING, failure.setting());
        assertTrue(failure.getMessage().contains("entry for user \"kim\": two operators for organization 24"),
                failure.getMessage());
    }

    @Test
    void panelsThatAreOffReadNothingFromTheApplication() {
        assertFalse(parse(Map.of("chathub.enabled", "false", "chathub.login", "acme", "chathub.password", "secret"),
                Map.of()).enabled());
        assertFalse(parse(Map.of(), Map.of()).client().canSignIn());
    }

    @Test
    void aResolverClassIsLoadedAndMadeAtStart() {
        ChatHubConfig config = parse(on("chathub.operator.resolver", NamedResolver.class.getName()));

        assertTrue(config.resolution().custom() instanceof NamedResolver);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "com.example.NoSuchResolver|must be mapping, session, directory or the name of a class on the application's classpath",
            "java.lang.String|the class does not implement com.smsbat.chathub.resolver.OperatorResolver",
    })
    void aResolverClassThatCannotBeUsedIsASettingError(String className, String reason) {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class,
                () -> parse(on("chathub.operator.resolver", className)));

        assertEquals("chathub.operator.resolver=\"" + className + "\" is invalid: " + reason, failure.getMessage());
    }

    @Test
    void theSafetyMarginIsAMinuteOrAQuarterOfAShortRefreshWindow() {
        assertEquals(Duration.ofMinutes(1), parse(Map.of()).cache().safetyMargin());
        assertEquals(Duration.ofSeconds(10), parse(Map.of("chathub.token.refresh-ahead", "PT40S")).cache()
                .safetyMargin());
    }

    @Test
    void theCacheDefaultsAreTheSettingsDefaults() {
        CacheSettings parsed = parse(Map.of()).cache();

        assertEquals(parsed.lifetime(), CacheSettings.DEFAULTS.lifetime());
        assertEquals(parsed.idleExpiry(), CacheSettings.DEFAULTS.idleExpiry());
        assertEquals(parsed.maxOperators(), CacheSettings.DEFAULTS.maxOperators());
        assertEquals(parsed.waitBudget(), CacheSettings.DEFAULTS.waitBudget());
    }

    /** An application's own resolver. */
    public static final class NamedResolver implements OperatorResolver {
        @Override
        public List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
            return List.of();
        }
    }
}
