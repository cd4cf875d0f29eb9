package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.util.List;

import static com.smsbat.chathub.demo.DemoBrowser.PANEL_SCRIPTS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo WAR on the Jetty 12.1 distribution ({@code jetty-home}), deployed as the README says and started with
 * {@code -Dchathub.inject=true}.
 */
class JettyInstallationIT extends InstalledDemoChecks {

    private static InstalledJetty jetty;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        jetty = InstalledJetty.create("jetty").start("-Dchathub.inject=true");
        assertTrue(jetty.version().startsWith("12.1."), "Jetty " + jetty.version());
        demo = jetty;
        browser = new DemoBrowser(jetty);
    }

    @AfterAll
    static void stop() {
        if (jetty != null) {
            jetty.close();
        }
    }

    @Test
    void zeroTouchOptionPutsThePanelIntoThePlainServletPage() {
        browser.signIn("john");
        browser.open("/plain");

        WebElement panel = browser.awaitReadyPanels(1).get(0);
        assertAll(
                () -> assertTrue(panel.getText().contains("John Smith"), panel.getText()),
                () -> assertEquals(1, browser.driver().findElements(PANEL_SCRIPTS).size()),
                () -> assertEquals(List.of(), browser.consoleProblems()));
    }

    /** The WAR's own JSTL is the only one: the distribution's {@code ee10-jstl} module is not enabled. */
    @Test
    void startUpLogHasNoClassesScannedFromTwoLocations() {
        List<String> log = InstalledServer.read(jetty.console()).lines().toList();

        assertAll(
                () -> assertTrue(log.stream().anyMatch(line -> line.contains("Started oeje10w.WebAppContext")
                        && line.contains(InstalledServer.CONTEXT)), String.join("\n", log)),
                () -> assertEquals(List.of(), log.stream()
                        .filter(line -> line.contains("scanned from multiple locations")).limit(5).toList()));
    }
}
