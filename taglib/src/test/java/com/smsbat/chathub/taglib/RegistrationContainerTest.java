package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.sandbox.SandboxEndpoint;
import com.smsbat.chathub.testing.LogCapture;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the filter gets into an application: the jar's web-fragment.xml, its ServletContainerInitializer (for
 * {@code metadata-complete} web.xml files, which make containers ignore fragments) and the application's own
 * declaration, in every combination exactly one running filter; and the opt-outs. The library is loaded from
 * WEB-INF/lib only, so containers see where the initializer comes from as they do in production.
 */
class RegistrationContainerTest {

    private static final String LOGGER = ChatHubFilter.class.getName();
    private static final String DECLARED = """
              <filter>
                <filter-name>%s</filter-name>
                <filter-class>com.smsbat.chathub.taglib.ChatHubFilter</filter-class>
                <async-supported>true</async-supported>
              </filter>
              <filter-mapping><filter-name>%s</filter-name><url-pattern>/*</url-pattern></filter-mapping>
            """;

    /** Deploys the standard app with {@code extraWebXml}, shaped further by {@code shape}; returns john's page. */
    private static Deployed deploy(Map<String, String> overrides, String extraWebXml, UnaryOperator<TestWebapp> shape) {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start();
             LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
            Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
            settings.putAll(overrides);
            TestWebapp app = shape.apply(ChatHubApps.withPage(ChatHubApps.app(settings, extraWebXml), "page.jsp",
                    page(widget())).isolatedLibrary());
            try (TestContainer container = TestContainer.start(app)) {
                String html = TestHttp.as("john", "pw").get(container.uri("/secure/page.jsp")).body();
                TestHttp.as("john", "pw").get(container.uri("/secure/page.jsp"));
                return new Deployed(html, log.messages(Level.INFO, "ChatHub panels are on in /app"),
                        log.messages(Level.WARNING, "ChatHub"), sandbox.calls(SandboxEndpoint.OPERATOR_TOKEN));
            }
        }
    }

    private record Deployed(String html, List<String> started, List<String> warnings, int tokenCalls) {
    }

    private static void assertOneRunningFilterNamed(String name, Deployed deployed) {
        assertEquals(1, scripts(deployed.html()).size(), deployed.html());
        assertEquals(1, deployed.started().size(), deployed.started().toString());
        assertTrue(deployed.started().get(0).contains("filter \"" + name + "\""), deployed.started().toString());
    }

    @Test
    void metadataCompleteApplicationGetsItsPanelThroughTheInitializer() {
        Deployed deployed = deploy(Map.of(), "", TestWebapp::metadataComplete);

        assertOneRunningFilterNamed("chathub", deployed);
    }

    @Test
    void fragmentAndInitializerTogetherStartOneFilter() {
        assertOneRunningFilterNamed("chathub", deploy(Map.of(), "", app -> app));
    }

    @Test
    void filterDeclaredInWebXmlIsTheOnlyOneWithOrWithoutFragments() {
        String declared = DECLARED.formatted("chathub", "chathub");

        assertOneRunningFilterNamed("chathub", deploy(Map.of(), declared, app -> app));
        assertOneRunningFilterNamed("chathub", deploy(Map.of(), declared, TestWebapp::metadataComplete));
    }

    @Test
    void filterDeclaredUnderAnotherNameInAMetadataCompleteAppIsTheOnlyOne() {
        Deployed deployed = deploy(Map.of(), DECLARED.formatted("chat", "chat"), TestWebapp::metadataComplete);

        assertOneRunningFilterNamed("chat", deployed);
    }

    @Test
    void absoluteOrderingWithoutChathubLeavesOutFragmentAndInitializer() {
        Deployed deployed = deploy(Map.of(), "  <absolute-ordering/>\n", app -> app);

        assertTrue(deployed.html().contains(FALLBACK), deployed.html());
        assertEquals(List.of(), deployed.started());
        assertEquals(0, deployed.tokenCalls());
    }

    @Test
    void disabledMetadataCompleteApplicationGetsNoFilter() {
        Deployed deployed = deploy(Map.of("chathub.enabled", "false"), "", TestWebapp::metadataComplete);

        assertTrue(deployed.html().contains(FALLBACK), deployed.html());
        assertEquals(List.of(), deployed.started());
        assertEquals(1, deployed.warnings().size(), deployed.warnings().toString());
        assertTrue(deployed.warnings().get(0).contains("chathub.enabled=false"), deployed.warnings().toString());
    }
}
