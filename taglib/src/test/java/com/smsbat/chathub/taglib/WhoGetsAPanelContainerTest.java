package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.client.NewOperator;
import com.smsbat.chathub.client.Operator;
import com.smsbat.chathub.client.TokenValidation;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.sandbox.SandboxFaults;
import com.smsbat.chathub.testing.LogCapture;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who gets a panel: only users in {@code chathub.role} (the others cost ChatHub nothing), never a user whose
 * name two active operators share, and, with {@code chathub.operator.provision}, a new team member gets an
 * operator created once. Administrators see each decision in the log ({@code chathub.debug}) and over JMX.
 */
class WhoGetsAPanelContainerTest {

    private static final String SECURE_ALL = """
              <security-constraint>
                <web-resource-collection><web-resource-name>all</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>*</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>test</realm-name></login-config>
              <security-role><role-name>support</role-name></security-role>
              <security-role><role-name>operator</role-name></security-role>
            """;

    private static ChatHubSandbox sandbox;
    private static ChatHubClient chatHub;
    private static long mariasTwin;
    private static TestContainer mapping;
    private static TestContainer directory;
    private static TestContainer limited;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        chatHub = ChatHubClient.builder().baseUri(sandbox.baseUri())
                .credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD).build();
        // A second active "Maria Garcia" in organization 24 (names match ignoring case).
        mariasTwin = chatHub.synchronize(List.of(new NewOperator(24, "maria garcia"))).get(0).id();
        mapping = deploy("/mapping", Map.of("chathub.debug", "sales"));
        directory = deploy("/directory", Map.of("chathub.operator.resolver", "directory",
                "chathub.operator.provision", "true", "chathub.organization", "24", "chathub.wait", "PT10S",
                "chathub.operator.name-attribute", "displayName"));
        limited = deploy("/limited", Map.of("chathub.operator.resolver", "directory",
                "chathub.operator.provision", "true", "chathub.organization", "24", "chathub.wait", "PT10S",
                "chathub.operator.provision.max-per-minute", "1"));
    }

    /**
     * Users: john (support), sales (operator only), newbie, failer, first-hire, second-hire and renamer (support, no
     * operator yet), Maria Garcia (support). {@code /login?name=…} sets the name to match where the application
     * reads one ({@code /directory}).
     */
    private static TestContainer deploy(String path, Map<String, String> overrides) {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.role", "support");
        settings.putAll(overrides);
        return TestContainer.start(TestWebapp.create().contextPath(path)
                .webXml(ChatHubApps.contextParams(settings) + SECURE_ALL + ChatHubApps.SESSION_LOGIN)
                .file("WEB-INF/chathub-operators.properties", ChatHubApps.MAPPING)
                .file("page.jsp", page(widget()))
                .user("john", "pw", "operator", "support")
                .user("sales", "pw", "operator")
                .user("Alex Brown", "pw", "operator")
                .user("newbie", "pw", "support")
                .user("failer", "pw", "support")
                .user("first-hire", "pw", "support")
                .user("second-hire", "pw", "support")
                .user("renamer", "pw", "support")
                .user("Maria Garcia", "pw", "support")
                .isolatedLibrary());
    }

    @AfterAll
    static void stop() {
        for (TestContainer container : List.of(mapping, directory, limited)) {
            container.close();
        }
        chatHub.close();
        sandbox.close();
    }

    private static String view(TestContainer container, String user) {
        return TestHttp.as(user, "pw").get(container.uri("/page.jsp")).body();
    }

    private static int upstreamCalls() {
        return Arrays.stream(SandboxEndpoint.values()).mapToInt(sandbox::calls).sum();
    }

    @Test
    void userInTheRoleGetsThePanel() {
        assertEquals(1, scripts(view(mapping, "john")).size());
    }

    @Test
    void userInNoneOfTheRolesGetsTheFallbackAndA403FromTheEndpointWithoutAnyCallToChatHub() {
        int before = upstreamCalls();

        String html = view(mapping, "sales");
        int status = TestHttp.as("sales", "pw").get(mapping.uri("/api/chathub/token")).statusCode();
        String directoryHtml = view(directory, "Alex Brown");

        assertTrue(html.contains(FALLBACK), html);
        assertEquals(403, status);
        assertTrue(directoryHtml.contains(FALLBACK), directoryHtml);
        assertEquals(before, upstreamCalls());
    }

    @Test
    void debugLogAndJmxSayWhyAUserHasNoPanelWithoutShowingTokens() throws Exception {
        String johnsToken = scripts(view(mapping, "john")).get(0).token();
        try (LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO)) {
            view(mapping, "sales");

            assertEquals(List.of("ChatHub for user \"sales\" (resolver mapping): no panel: not in role "
                    + "(in none of chathub.role=support)"), log.messages(Level.INFO, "ChatHub for user"));
        }
        ObjectName mbean = new ObjectName("com.smsbat.chathub:type=TokenCache,context=\"/mapping\"");
        Object sales = ManagementFactory.getPlatformMBeanServer().invoke(mbean, "explain",
                new Object[] {"sales"}, new String[] {String.class.getName()});
        Object john = ManagementFactory.getPlatformMBeanServer().invoke(mbean, "explain",
                new Object[] {"john"}, new String[] {String.class.getName()});

        assertEquals("ChatHub for user \"sales\" (resolver mapping): no panel: not in role (in none of chathub.role=support)",
                sales);
        assertEquals("ChatHub for user \"john\" (resolver mapping): panel (operator 101 of organization 24)", john);
        assertFalse(john.toString().contains(johnsToken));
    }

    @Test
    void nameSharedByTwoActiveOperatorsGetsNoPanelAndOneWarningNamingUserAndOperators() {
        try (LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO)) {
            String first = view(directory, "Maria Garcia");
            String second = view(directory, "Maria Garcia");

            assertTrue(first.contains(FALLBACK), first);
            assertTrue(second.contains(FALLBACK), second);
            List<String> warnings = log.messages(Level.WARNING, "ChatHub panel refused");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("user \"Maria Garcia\" (name \"Maria Garcia\") matches 2 active "
                    + "operators of organization 24: 102, " + mariasTwin), warnings.get(0));
        }
    }

    @Test
    void fiftyConcurrentFirstViewsOfANewTeamMemberCreateOneOperatorWhoseTokenChatHubAccepts() throws Exception {
        int synchronizeBefore = sandbox.calls(SandboxEndpoint.SYNCHRONIZE);
        // Slow enough that the views overlap the one creation.
        SandboxFaults.of(sandbox).delay(SandboxEndpoint.SYNCHRONIZE, Duration.ofMillis(500));
        List<Callable<String>> views = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            views.add(() -> view(directory, "newbie"));
        }
        ExecutorService browsers = Executors.newFixedThreadPool(50);
        List<String> pages = new ArrayList<>();
        try {
            for (Future<String> view : browsers.invokeAll(views)) {
                pages.add(view.get());
            }
        } finally {
            browsers.shutdownNow();
            SandboxFaults.of(sandbox).clear();
        }

        assertEquals(1, sandbox.calls(SandboxEndpoint.SYNCHRONIZE) - synchronizeBefore);
        Operator created = chatHub.operators(24).stream().filter(op -> op.name().equals("newbie")).findFirst().orElseThrow();
        for (String html : pages) {
            assertEquals(1, scripts(html).size(), html);
        }
        TokenValidation validation = chatHub.validateToken(scripts(view(directory, "newbie")).get(0).token());
        assertTrue(validation.valid());
        assertEquals(created.id(), validation.operatorId());
    }

    @Test
    void failedCreationIsRememberedInsteadOfRetriedOnEveryView() {
        int synchronizeBefore = sandbox.calls(SandboxEndpoint.SYNCHRONIZE);
        SandboxFaults.of(sandbox).fail(SandboxEndpoint.SYNCHRONIZE, 500, 1);
        try (LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO)) {
            String first = view(directory, "failer");
            String second = view(directory, "failer");

            assertTrue(first.contains(FALLBACK), first);
            assertTrue(second.contains(FALLBACK), second);
            assertEquals(1, sandbox.calls(SandboxEndpoint.SYNCHRONIZE) - synchronizeBefore);
            assertEquals(1, log.messages(Level.WARNING, "Could not create a ChatHub operator \"failer\" in "
                    + "organization 24 for user \"failer\"").size());
        } finally {
            SandboxFaults.of(sandbox).clear();
        }
    }

    @Test
    void onboardingCreatesNoMoreOperatorsInAMinuteThanAllowed() {
        int synchronizeBefore = sandbox.calls(SandboxEndpoint.SYNCHRONIZE);
        try (LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO)) {
            String first = view(limited, "first-hire");
            String second = view(limited, "second-hire");

            assertEquals(1, scripts(first).size(), first);
            assertEquals(0, scripts(second).size(), second);
            assertEquals(1, sandbox.calls(SandboxEndpoint.SYNCHRONIZE) - synchronizeBefore);
            assertEquals(1, log.messages(Level.WARNING, "ChatHub operator creation paused: 1 operators were created in"
                    + " the last minute (chathub.operator.provision.max-per-minute)").size());
        }
    }

    @Test
    void onboardingCreatesOneOperatorPerUserHoweverOftenTheirNameChanges() {
        int synchronizeBefore = sandbox.calls(SandboxEndpoint.SYNCHRONIZE);
        TestHttp renamer = TestHttp.as("renamer", "pw");

        renamer.get(directory.uri("/login?name=Renamer%20One"));
        String first = renamer.get(directory.uri("/page.jsp")).body();
        renamer.get(directory.uri("/login?name=Renamer%20Two"));
        String renamed = renamer.get(directory.uri("/page.jsp")).body();

        assertEquals(1, scripts(first).size(), first);
        assertEquals(0, scripts(renamed).size(), renamed);
        assertEquals(1, sandbox.calls(SandboxEndpoint.SYNCHRONIZE) - synchronizeBefore);
    }
}
