package com.smsbat.chathub.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an administrator sees after deploying, using and undeploying the demo WAR three times through the manager
 * of Debian's Tomcat 10.1 (started with {@code -Dchathub.inject=true}): no log line blaming the library, and no
 * application left behind in memory by Tomcat's own leak detection.
 */
class TomcatRedeployInstallationIT {

    private static final int CYCLES = 3;
    private static final String MANAGER_USER = "deployer";
    private static final String MANAGER_PASSWORD = UUID.randomUUID().toString();
    /** A warning or error naming the library, its classes or threads it started. */
    private static final Pattern BLAMES_THE_LIBRARY = Pattern.compile(
            "(WARNING|SEVERE).*(chathub|smsbat|HttpClient-\\d+-SelectorManager)", Pattern.CASE_INSENSITIVE);
    /** The warning the demo's sandbox gives on purpose at every start, which an administrator must not miss. */
    private static final String SANDBOX_WARNING = "ChatHub SANDBOX in use";

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<Boolean> zeroTouchPanels = new ArrayList<>();
    private static InstalledTomcat tomcat;

    @BeforeAll
    static void deployUseAndUndeployThreeTimes() {
        InstalledTomcat.assumeInstalled(true);
        tomcat = InstalledTomcat.create("tomcat-redeploy")
                .withManager(MANAGER_USER, MANAGER_PASSWORD)
                .start("-Dchathub.inject=true");
        String war = URLEncoder.encode(DemoBuild.war().toString(), StandardCharsets.UTF_8);
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            assertTrue(manager("/deploy?path=" + InstalledServer.CONTEXT + "&war=" + war).startsWith("OK"));
            FormLogin john = FormLogin.signedIn(tomcat, "john");
            assertTrue(john.get("/api/chathub/token").body().startsWith("{\"token\":\""));
            zeroTouchPanels.add(john.get("/plain").body().contains("id=\"operator-chat-panel-script\""));
            assertTrue(manager("/undeploy?path=" + InstalledServer.CONTEXT).startsWith("OK"));
        }
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void zeroTouchOptionPutsThePanelIntoThePlainServletPageInEveryDeployment() {
        assertEquals(List.of(true, true, true), zeroTouchPanels);
    }

    @Test
    void tomcatsLeakDetectionFindsNoUndeployedApplicationStillInMemory() {
        String report = manager("/findleaks?statusLine=true");

        assertEquals("OK - No memory leaks found", report.strip(), report);
    }

    @Test
    void noWarningOrErrorInTheLogsNamesTheLibraryOrItsThreads() {
        List<String> lines = tomcat.logLines();

        assertAll(
                () -> assertTrue(lines.stream().filter(line -> line.contains("Undeploying")).count() >= CYCLES,
                        "the logs record the undeployments: " + String.join("\n", lines)),
                () -> assertEquals(List.of(), lines.stream()
                        .filter(line -> BLAMES_THE_LIBRARY.matcher(line).find() && !line.contains(SANDBOX_WARNING))
                        .toList()));
    }

    /** A command of the manager's text interface, answered with 200; returns the answer. */
    private static String manager(String command) {
        HttpRequest request = HttpRequest.newBuilder(tomcat.uri("/manager/text", command))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (MANAGER_USER + ":" + MANAGER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), command + ": " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
