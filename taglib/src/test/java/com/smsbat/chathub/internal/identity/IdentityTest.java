package com.smsbat.chathub.internal.identity;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.config.Setting;
import com.smsbat.chathub.taglib.Account;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code chathub.user} and {@code chathub.role.expression} on the EL implementation of the test class path (Jetty's
 * Jasper EL): what start-up refuses, and what each implicit object gives. The container tests run them for real.
 */
class IdentityTest {

    private static Identity identity(Map<String, String> values) {
        Map<Setting, String> bySetting = new HashMap<>();
        values.forEach((key, value) -> {
            for (Setting setting : Setting.values()) {
                if (setting.key().equals(key)) {
                    bySetting.put(setting, value);
                }
            }
        });
        return Identity.of(ChatHubConfig.parse(bySetting::get, path -> null).identity());
    }

    private static Identity user(String expression) {
        return identity(Map.of("chathub.user", expression));
    }

    /** A request with {@code session} attributes (none: no session), {@code headers}, a cookie and a principal. */
    static HttpServletRequest request(Map<String, Object> session, Map<String, List<String>> headers) {
        HttpSession httpSession = session == null ? null : (HttpSession) Proxy.newProxyInstance(
                HttpSession.class.getClassLoader(), new Class<?>[]{HttpSession.class},
                (proxy, method, args) -> method.getName().equals("getAttribute") ? session.get((String) args[0]) : null);
        Principal principal = () -> "from-principal";
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSession" -> httpSession;
                    case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    case "getCookies" -> new Cookie[]{new Cookie("sso", "from-cookie")};
                    case "getUserPrincipal" -> principal;
                    case "getAttribute" -> null;
                    default -> null;
                });
    }

    private static HttpServletRequest withSession(String name, Object value) {
        return request(Map.of(name, value), Map.of());
    }

    @Test
    void emptyUsesTheContainersRemoteUser() {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) ->
                        method.getName().equals("getRemoteUser") ? "john" : null);

        assertEquals("john", identity(Map.of()).user(request));
    }

    @Test
    void beanPropertyOfASessionAttributeIsTheName() {
        assertEquals("kim", user("${sessionScope.account.login}").user(withSession("account", new Account("kim", true))));
    }

    @Test
    void noSessionIsAnonymous() {
        assertNull(user("${sessionScope.account.login}").user(request(null, Map.of())));
    }

    @Test
    void blankResultIsAnonymous() {
        assertNull(user("${sessionScope.account.login}").user(withSession("account", new Account("  ", true))));
    }

    @Test
    void headerCookieAndPrincipalAreImplicitObjects() {
        HttpServletRequest request = request(Map.of(), Map.of("X-Remote-User", List.of("first", "second")));

        assertEquals("first", user("${header['X-Remote-User']}").user(request));
        assertEquals("second", user("${headerValues['X-Remote-User'][1]}").user(request));
        assertEquals("from-cookie", user("${cookie.sso.value}").user(request));
        assertEquals("from-principal", user("${principal}").user(request));
    }

    @Test
    void numberIsAName() {
        assertEquals("42", user("${sessionScope.id}").user(withSession("id", 42L)));
    }

    @Test
    void objectThatIsNoNameFailsRatherThanUsingItsToString() {
        Identity identity = user("${sessionScope.account}");

        Identity.Failure failure = assertThrows(Identity.Failure.class,
                () -> identity.user(withSession("account", new Account("kim", true))));
        assertTrue(failure.getMessage().contains("not a name"), failure.getMessage());
    }

    @Test
    void missingPropertyFailsForThatRequest() {
        Identity identity = user("${sessionScope.account.nickname}");

        assertThrows(Identity.Failure.class, () -> identity.user(withSession("account", new Account("kim", true))));
    }

    @Test
    void expressionCannotChangeTheSession() {
        Identity identity = user("${sessionScope.account.login = 'admin'}");

        assertThrows(Identity.Failure.class, () -> identity.user(withSession("account", new Account("kim", true))));
    }

    @Test
    void roleExpressionTrueVouchesForTheUserFalseOrFailingSaysWhyNot() {
        Identity identity = identity(Map.of("chathub.role.expression", "${sessionScope.account.agent}"));

        assertNull(identity.refusal(withSession("account", new Account("kim", true))));
        assertEquals("chathub.role.expression=${sessionScope.account.agent} is not true", identity.refusal(withSession("account", new Account("kim", false))));
        assertEquals("chathub.role.expression=${sessionScope.account.agent} is not true", identity.refusal(withSession("account", "no bean")));
        assertEquals("chathub.role.expression=${sessionScope.account.agent} is not true", identity.refusal(request(null, Map.of())));
    }

    @Test
    void noRoleExpressionPermitsEveryone() {
        assertNull(identity(Map.of()).refusal(request(null, Map.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${param.user}", "${paramValues.user[0]}", "${empty param.u ? header.x : param.u}"})
    void requestParametersAreRefused(String expression) {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> user(expression));

        assertTrue(failure.getMessage().contains("is refused: request parameters are chosen by the visitor"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"${pageContext.request.remoteUser}", "${sesionScope.account.login}", "${fn:trim(header.x)}"})
    void unknownNamesAreRefusedNamingTheOnesThereAre(String expression) {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> user(expression));

        assertTrue(failure.getMessage().startsWith("chathub.user=\"" + expression + "\" is invalid: "), failure.getMessage());
    }

    @Test
    void unknownNameMessageListsTheImplicitObjects() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> user("${pageContext.request.remoteUser}"));

        assertTrue(failure.getMessage().contains("unknown name pageContext: the expression can use sessionScope, "
                + "requestScope, header, headerValues, cookie, principal"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sessionScope.account.login", "admin", "${sessionScope.account.login"})
    void somethingThatIsNoExpressionIsRefused(String value) {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> user(value));

        assertTrue(failure.getMessage().contains("must be an EL expression"), failure.getMessage());
    }

    @Test
    void syntaxErrorIsRefusedWithTheSettingOfTheExpression() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class,
                () -> identity(Map.of("chathub.role.expression", "${sessionScope.account.agent and}")));

        assertEquals(Setting.ROLE_EXPRESSION, failure.setting());
        assertTrue(failure.getMessage().contains("is not a valid EL expression"), failure.getMessage());
    }

    @Test
    void userAndItsShorthandTogetherAreRefused() {
        ChatHubConfigException failure = assertThrows(ChatHubConfigException.class, () -> identity(Map.of(
                "chathub.user", "${sessionScope.account.login}", "chathub.user.session-attribute", "user")));

        assertEquals(Setting.USER, failure.setting());
    }

    @Test
    void namesInsideStringsAndAfterDotsAreNotImplicitObjects() {
        assertEquals(Set.of("sessionScope", "header"), UserExpression.topLevelNames(
                "${sessionScope['param'].login ne null ? sessionScope.x.param : header[\"it's \\\" param\"]} 1.5e3"));
    }
}
