package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo WAR on the Jetty 12.1 distribution ({@code jetty-home}), deployed as docs/installed-servers.md says and
 * started with {@code -Dchathub.inject=true}.
 */
class JettyInstallationIT extends InstalledDemoChecks {

    private static InstalledJetty jetty;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        jetty = InstalledJetty.create("jetty").start("-Dchathub.inject=true");
        assertTrue(jetty.version().startsWith("12.1."), "Jetty " + jetty.version());
        checking(jetty);
    }

    @Test
    void zeroTouchOptionPutsThePanelIntoThePlainServletPage() {
        browser.assertZeroTouchPanelOnThePlainPage("john", "John Smith");
    }

    @Test
    void installedServersPageSetsUpJettyTheWayThisTestDoes() {
        String page = InstalledServer.installedServersPage();

        assertAll(
                () -> assertTrue(page.contains("java -jar $JETTY_HOME/start.jar " + InstalledJetty.MODULES), "modules"),
                () -> assertTrue(page.contains("jetty-home-" + jetty.version() + ".tar.gz"), "the version tested"),
                () -> assertTrue(page.contains("cp $DEMO/src/main/jetty/chathub-demo.xml webapps/"), "context file"),
                () -> assertTrue(page.contains("cp $DEMO/src/main/jetty/demo-realm.properties etc/"), "realm"));
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
