package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo WAR on Debian's Tomcat 10.1 package, deployed as docs/installed-servers.md says, three times: as it
 * ships, with a context file that sets ChatHub settings for that one application, and with a context file holding
 * an invalid setting.
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
        checking(tomcat);
    }

    @Test
    void contextFileEnvironmentEntryTurnsZeroTouchOnForThatApplicationOnly() {
        DemoSite zeroTouch = path -> tomcat.uri("/" + ZERO_TOUCH, path);
        String plainPageOfTheShippedDemo = FormLogin.signedIn(tomcat, "john").get("/plain").body();
        try (DemoBrowser other = new DemoBrowser(zeroTouch)) {
            other.assertZeroTouchPanelOnThePlainPage("john", "John Smith");
        }
        assertFalse(plainPageOfTheShippedDemo.contains("operator-chat-panel-script"), plainPageOfTheShippedDemo);
    }

    @Test
    void installedServersPageSetsUpTomcatTheWayThisTestDoes() {
        String page = InstalledServer.installedServersPage();

        assertAll(
                () -> assertTrue(page.contains("sed -i 's|" + InstalledTomcat.CONNECTOR + "|"
                        + InstalledTomcat.connector(8080) + "|'"), "the connector line"),
                () -> assertTrue(page.contains("cp $DEMO/src/main/tomcat/tomcat-users.xml $CATALINA_BASE/conf/"),
                        "the users"),
                () -> assertTrue(page.contains("$CATALINA_HOME/bin/catalina.sh run"), "the start"));
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
                .filter(line -> line.contains("SEVERE") && line.contains(MISCONFIGURED))
                .toList();
        assertAll(
                () -> assertEquals(404, page.getResponseCode(), "the misconfigured application is not running"),
                () -> assertTrue(reported.stream().anyMatch(line -> line.contains("ChatHubFilter")
                        && line.contains("chathub.wait=\"soon\" is invalid")), String.join("\n", reported)));
    }
}
