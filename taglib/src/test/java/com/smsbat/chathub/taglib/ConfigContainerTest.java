package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.causeMessages;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How settings reach a deployed application, what invalid ones do, and what an undeploy leaves behind. */
class ConfigContainerTest {

    private static ChatHubSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static TestContainer deploy(Map<String, String> overrides) {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.putAll(overrides);
        settings.values().removeIf(String::isEmpty);
        return TestContainer.start(ChatHubApps.withPage(ChatHubApps.app(settings, ""), "page.jsp", page(widget()))
                .file("empty.jsp", page("<chathub:widget/>")));
    }

    private static String johnsPage(TestContainer container) {
        return TestHttp.as("john", "pw").get(container.uri("/secure/page.jsp")).body();
    }

    @Test
    void invalidSettingStopsTheDeploymentNamingSettingAndValue() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> deploy(Map.of("chathub.wait", "soon")).close());

        assertTrue(causeMessages(failure).contains("chathub.wait=\"soon\" is invalid"), causeMessages(failure));
    }

    @Test
    void invalidSettingOnlyDisablesTheWidgetWhenAskedTo() {
        try (TestContainer container = deploy(Map.of("chathub.wait", "soon", "chathub.fail-on-invalid-config", "false"))) {
            String html = johnsPage(container);

            assertTrue(html.contains(FALLBACK), html);
        }
    }

    @Test
    void missingCredentialsTurnThePanelOffAndPagesStillRender() {
        try (TestContainer container = deploy(Map.of("chathub.login", "", "chathub.password", ""))) {
            String html = johnsPage(container);

            assertTrue(html.contains(FALLBACK), html);
            assertTrue(scripts(html).isEmpty());
        }
    }

    @Test
    void systemPropertyOverridesWhatTheApplicationPackages() {
        System.setProperty("chathub.fallback", "<p>from the server</p>");
        try (TestContainer container = deploy(Map.of("chathub.fallback", "<p>from the war</p>"))) {
            String html = TestHttp.anonymous().get(container.uri("/empty.jsp")).body();

            assertTrue(html.contains("<p>from the server</p>"), html);
            assertFalse(html.contains("from the war"), html);
        } finally {
            System.clearProperty("chathub.fallback");
        }
    }

    @Test
    void filterDeclaredByHandInWebXmlWorksAndItsInitParamsBeatContextParams() {
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.fallback", "<p>from a context-param</p>");
        String filter = """
                  <filter>
                    <filter-name>chathub</filter-name>
                    <filter-class>com.smsbat.chathub.taglib.ChatHubFilter</filter-class>
                    <async-supported>true</async-supported>
                    <init-param><param-name>chathub.fallback</param-name><param-value>&lt;p&gt;from an init-param&lt;/p&gt;</param-value></init-param>
                  </filter>
                  <filter-mapping><filter-name>chathub</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                """;
        try (TestContainer container = TestContainer.start(ChatHubApps.withPage(ChatHubApps.app(settings, filter),
                "page.jsp", page(widget())).file("empty.jsp", page("<chathub:widget/>")))) {
            assertEquals(1, scripts(johnsPage(container)).size());
            String html = TestHttp.anonymous().get(container.uri("/empty.jsp")).body();
            assertTrue(html.contains("<p>from an init-param</p>"), html);
        }
    }

    @Test
    void disabledLibraryRendersTheFallbackEvenForOperators() {
        try (TestContainer container = deploy(Map.of("chathub.enabled", "false"))) {
            assertTrue(johnsPage(container).contains(FALLBACK));
        }
    }

    @Test
    void undeployStopsEveryThreadIncludingTheEmbeddedSandboxAndUnregistersTheMBean() throws Exception {
        ObjectName mbean = new ObjectName("com.smsbat.chathub:type=TokenCache,context=\"/app\"");
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // The embedded sandbox, so that every chathub-* thread started from here on is the application's.
        TestContainer container = deploy(Map.of("chathub.api.url", "sandbox", "chathub.widget.url", "",
                "chathub.login", "", "chathub.password", ""));
        try {
            assertEquals(1, scripts(johnsPage(container)).size());
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(mbean));
            assertTrue(((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "UpstreamCalls")).longValue() >= 1);

            container.undeploy();

            assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(mbean));
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("chathub-") && !before.contains(thread)) {
                    thread.join(5_000);
                    assertFalse(thread.isAlive(), "still running after undeploy: " + thread.getName());
                }
            }
        } finally {
            container.close();
        }
    }
}
