package com.smsbat.chathub.taglib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.LogCapture;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import com.smsbat.chathub.testing.TestWebapp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import static com.smsbat.chathub.taglib.ChatHubApps.FALLBACK;
import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Most applications already carry Jackson, and Maven's nearest-wins puts their version in {@code WEB-INF/lib}
 * instead of the library's. The library works with every Jackson 2.x from 2.9 on; an older one turns panels off
 * with one warning, and the application runs on.
 */
class ApplicationJacksonContainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JACKSON = Path.of(System.getProperty("chathub.test.jackson", "target/jackson"));
    /** Prints the Jackson the application's classes see. */
    private static final String VERSION_JSP = "<%= com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION %>";

    static Stream<String> supportedVersions() {
        return Arrays.stream(System.getProperty("chathub.test.jackson-versions", "").split(",")).map(String::trim)
                .filter(version -> !version.isEmpty());
    }

    /** An application with {@code version}'s three Jackson jars in WEB-INF/lib, loaded before the server's. */
    private static TestWebapp app(ChatHubSandbox sandbox, String version) {
        TestWebapp app = ChatHubApps.withPage(ChatHubApps.app(ChatHubApps.sandboxSettings(sandbox), ""),
                "page.jsp", page(widget())).file("jackson.jsp", VERSION_JSP).isolatedLibrary();
        for (Path jar : jacksonJars(version)) {
            app.library(jar);
        }
        return app;
    }

    private static List<Path> jacksonJars(String version) {
        try (Stream<Path> jars = Files.list(JACKSON.resolve(version))) {
            List<Path> found = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
            assertEquals(3, found.size(), "jackson-databind, -core and -annotations " + version + " in " + JACKSON);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Jackson " + version + " was not copied to " + JACKSON + " (mvn generate-test-resources)", e);
        }
    }

    @Test
    void theTestedVersionsRunFromTheOldestSupportedToTheNewest() {
        List<String> versions = supportedVersions().toList();
        assertEquals("2.9.10", versions.get(0), versions.toString());
        assertTrue(versions.size() >= 4, versions.toString());
    }

    @ParameterizedTest(name = "jackson {0}")
    @MethodSource("supportedVersions")
    void panelAndTokenEndpointWorkWithTheApplicationsJackson(String version) throws IOException {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start();
             TestContainer container = TestContainer.start(app(sandbox, version))) {
            TestHttp john = TestHttp.as("john", "pw");
            assertEquals(version, john.get(container.uri("/jackson.jsp")).body().trim());

            String html = john.get(container.uri("/secure/page.jsp")).body();
            assertEquals(1, scripts(html).size(), html);
            assertFalse(ChatHubApps.visible(html).contains(FALLBACK), html);

            HttpResponse<String> endpoint = john.get(container.uri("/api/chathub/token"));
            assertEquals(200, endpoint.statusCode(), endpoint.body());
            JsonNode body = JSON.readTree(endpoint.body());
            assertEquals(scripts(html).get(0).token(), body.path("token").asText());
        }
    }

    @Test
    void jacksonOlderThanTwoNineTurnsPanelsOffWithOneWarningAndTheApplicationRunsOn() {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start();
             LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO);
             TestContainer container = TestContainer.start(app(sandbox, "2.8.11"))) {
            TestHttp john = TestHttp.as("john", "pw");
            assertEquals("2.8.11", john.get(container.uri("/jackson.jsp")).body().trim());

            HttpResponse<String> page = john.get(container.uri("/secure/page.jsp"));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains(FALLBACK), page.body());
            assertEquals(List.of(), scripts(page.body()));
            HttpResponse<String> endpoint = john.get(container.uri("/api/chathub/token"));
            assertNotEquals(500, endpoint.statusCode(), endpoint.body());

            List<String> offAtStart = log.messages(Level.SEVERE, "ChatHub panels are off in /app: the library could not start");
            assertEquals(1, offAtStart.size(), log.records().toString());
            assertTrue(offAtStart.get(0).contains("jackson-databind 2.9 or newer"), offAtStart.get(0));
        }
    }
}
