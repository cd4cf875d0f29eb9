package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo WAR on Debian's Tomcat 10.1 package, deployed as the README says, three times: as it ships, with a
 * context file that sets ChatHub settings for that one application, and with a context file holding an invalid
 * setting.
 */
class TomcatInstallationIT extends InstalledDemoChecks {

    private static final String ZERO_TOUCH = "chathub-zero-touch";
    private static final String MISCONFIGURED = "chathub-misconfigured";

    private static InstalledTomcat tomcat;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        InstalledTomcat.assumeInstalled(false);
        tomcat = InstalledTomcat.create("tomcat")
                .deploy("chathub-demo")
                .deploy(ZERO_TOUCH)
                .contextFile(ZERO_TOUCH, """
                          <Environment name="chathub/inject" value="true" type="java.lang.String" override="false"/>
                          <Parameter name="chathub.endpoint.path" value="/panel-token" override="false"/>
                        """)
                .deploy(MISCONFIGURED)
                .contextFile(MISCONFIGURED, """
                          <Parameter name="chathub.wait" value="soon" override="false"/>
                        """)
                .start("");
        assertTrue(tomcat.version().startsWith("10.1."), "Tomcat " + tomcat.version());
        demo = tomcat;
        browser = new DemoBrowser(tomcat);
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void contextFileEnvironmentEntryTurnsZeroTouchOnForThatApplicationOnly() {
        DemoSite zeroTouch = path -> tomcat.uri("/" + ZERO_TOUCH, path);
        String plainPageOfTheShippedDemo = FormLogin.signedIn(demo, "john").get("/plain").body();
        try (DemoBrowser other = new DemoBrowser(zeroTouch)) {
            other.signIn("john");
            other.open("/plain");

            WebElement panel = other.awaitReadyPanels(1).get(0);
            assertAll(
                    () -> assertTrue(panel.getText().contains("John Smith"), panel.getText()),
                    () -> assertEquals(List.of(), other.consoleProblems()),
                    () -> assertFalse(plainPageOfTheShippedDemo.contains("operator-chat-panel-script"),
                            plainPageOfTheShippedDemo));
        }
    }

    @Test
    void contextFileParameterMovesTheTokenEndpointOfThatApplication() {
        DemoSite zeroTouch = path -> tomcat.uri("/" + ZERO_TOUCH, path);

        String body = FormLogin.signedIn(zeroTouch, "john").get("/panel-token").body();

        assertTrue(body.startsWith("{\"token\":\""), body);
    }

    @Test
    void invalidSettingInAContextFileStopsThatApplicationAndIsNamedInCatalinaOut() throws IOException {
        HttpURLConnection page = (HttpURLConnection) tomcat.uri("/" + MISCONFIGURED, "/login.jsp").toURL().openConnection();

        List<String> reported = InstalledServer.read(tomcat.console()).lines()
                .filter(line -> line.contains("ChatHubFilter") || line.contains("chathub.wait"))
                .toList();
        assertAll(
                () -> assertEquals(404, page.getResponseCode(), "the misconfigured application is not running"),
                () -> assertTrue(reported.stream().anyMatch(line -> line.contains("chathub.wait") && line.contains("soon")),
                        String.join("\n", reported)));
    }
}
