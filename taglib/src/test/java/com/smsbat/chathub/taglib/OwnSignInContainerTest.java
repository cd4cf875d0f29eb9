package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.LogCapture;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.causeMessages;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applications with their own sign-in: {@code chathub.user} finds the user in the application's own session bean
 * or in a proxy's header, and {@code chathub.role.expression} decides who may have a panel, without container
 * logins or roles. Bad expressions stop the deployment; one that fails for a request costs that request its panel.
 */
class OwnSignInContainerTest {

    private static final String USER = "${sessionScope.currentUser.login}";

    private static ChatHubSandbox sandbox;
    private static ChatHubClient chatHub;
    private static TestContainer own;
    private static TestContainer role;
    private static TestContainer header;
    private static TestContainer broken;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        chatHub = ChatHubClient.builder().baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build();
        own = deploy("/own", Map.of("chathub.user", USER));
        role = deploy("/role", Map.of("chathub.user", USER,
                "chathub.role.expression", "${sessionScope.currentUser.agent}"));
        header = deploy("/header", Map.of("chathub.user", "${header['X-Remote-User']}"));
        broken = deploy("/broken", Map.of("chathub.user", "${sessionScope.currentUser.nickname}"));
    }

    private static TestContainer deploy(String path, Map<String, String> identity) {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.putAll(identity);
        return TestContainer.start(TestWebapp.create().contextPath(path)
                .webXml(ChatHubApps.contextParams(settings) + ChatHubApps.SESSION_LOGIN)
                .file("WEB-INF/chathub-operators.properties", ChatHubApps.MAPPING)
                .file("page.jsp", page(widget()))
                .file("why.jsp", page(widget() + "<p id=\"why\">${requestScope['chathub.debug']}</p>")));
    }

    @AfterAll
    static void stop() {
        for (TestContainer container : List.of(own, role, header, broken)) {
            container.close();
        }
        chatHub.close();
        sandbox.close();
    }

    /** A browser signed in to {@code container} through the application's own login. */
    private static TestHttp signedIn(TestContainer container, String query) {
        TestHttp browser = TestHttp.anonymous();
        assertEquals(200, browser.get(container.uri("/login?" + query)).statusCode());
        return browser;
    }

    private static long operatorOf(String html) {
        return chatHub.validateToken(scripts(html).get(0).token()).operatorId();
    }

    @Test
    void accountInTheSessionGetsThePanelOfItsOperator() {
        String html = signedIn(own, "account=john").get(own.uri("/page.jsp")).body();

        assertEquals(101L, operatorOf(html), html);
    }

    @Test
    void accountInTheSessionGetsATokenFromTheEndpoint() {
        assertEquals(200, signedIn(own, "account=john").get(own.uri("/api/chathub/token")).statusCode());
    }

    @Test
    void anonymousVisitorGetsTheFallbackAndA401FromTheEndpoint() {
        TestHttp anonymous = TestHttp.anonymous();

        String html = anonymous.get(own.uri("/page.jsp")).body();
        int status = anonymous.get(own.uri("/api/chathub/token")).statusCode();

        assertTrue(html.contains(FALLBACK) && scripts(html).isEmpty(), html);
        assertEquals(401, status);
    }

    @Test
    void roleExpressionTrueGivesThePanel() {
        String html = signedIn(role, "account=john&agent=true").get(role.uri("/page.jsp")).body();

        assertEquals(101L, operatorOf(html), html);
    }

    @Test
    void roleExpressionFalseGivesTheFallbackAndA403FromTheEndpoint() {
        TestHttp browser = signedIn(role, "account=john&agent=false");

        String html = browser.get(role.uri("/page.jsp")).body();
        int status = browser.get(role.uri("/api/chathub/token")).statusCode();

        assertTrue(html.contains(FALLBACK) && scripts(html).isEmpty(), html);
        assertEquals(403, status);
    }

    @Test
    void userNamedInTheProxysHeaderGetsThePanelOfTheirOperator() {
        TestHttp browser = TestHttp.anonymous();

        String html = browser.send(browser.request(header.uri("/page.jsp")).header("X-Remote-User", "john").build()).body();

        assertEquals(101L, operatorOf(html), html);
    }

    @Test
    void requestWithoutTheHeaderGetsTheFallback() {
        String html = TestHttp.anonymous().get(header.uri("/page.jsp")).body();

        assertTrue(html.contains(FALLBACK) && scripts(html).isEmpty(), html);
    }

    @Test
    void expressionFailingAtRunTimeGivesTheFallbackA401AndTheResolverFailedAndIsLoggedOnce() {
        try (LogCapture log = LogCapture.of(ChatHubConfig.FILTER_CLASS_NAME, Level.WARNING)) {
            TestHttp browser = signedIn(broken, "account=john");

            var first = browser.get(broken.uri("/page.jsp"));
            browser.get(broken.uri("/page.jsp"));
            int status = browser.get(broken.uri("/api/chathub/token")).statusCode();

            assertEquals(200, first.statusCode());
            assertTrue(first.body().contains(FALLBACK) && scripts(first.body()).isEmpty(), first.body());
            assertEquals(401, status);
            assertTrue(browser.get(broken.uri("/why.jsp")).body().contains("no panel: the resolver failed (chathub.user="
                    + "${sessionScope.currentUser.nickname} failed: "), "the page's decision");
            assertEquals(1, log.messages(Level.WARNING, "chathub.user=${sessionScope.currentUser.nickname} failed").size(),
                    log.records()::toString);
        }
    }

    @Test
    void syntaxErrorStopsTheDeploymentNamingSettingAndValue() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> deploy("/syntax", Map.of("chathub.user", "${sessionScope.currentUser.login +}")).close());

        assertTrue(causeMessages(failure).contains(
                "chathub.user=\"${sessionScope.currentUser.login +}\" is invalid: is not a valid EL expression"),
                causeMessages(failure));
    }

    @Test
    void requestParametersAreRefusedAtStartUp() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> deploy("/param", Map.of("chathub.user", "${param.user}")).close());

        assertTrue(causeMessages(failure).contains("chathub.user=\"${param.user}\" is invalid: param is refused"),
                causeMessages(failure));
    }
}
