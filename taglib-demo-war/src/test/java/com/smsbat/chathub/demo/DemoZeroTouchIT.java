package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.smsbat.chathub.demo.DemoBrowser.PANEL_SCRIPTS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packaged demo started with {@code -Dchathub.inject=true}: the filter puts the panel into every page. */
class DemoZeroTouchIT {

    private static DemoJetty demo;
    private static DemoBrowser browser;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        demo = DemoJetty.startWith(Map.of("chathub.inject", "true"));
        browser = new DemoBrowser(demo);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void plainServletPageGetsThePanel() {
        browser.assertZeroTouchPanelOnThePlainPage("john", "John Smith");
    }

    @Test
    void pagesWithTheTagStillHaveExactlyOnePanelPerOrganization() {
        browser.signIn("maria");
        browser.awaitReadyPanels(1);
        int dashboardScripts = browser.driver().findElements(PANEL_SCRIPTS).size();

        browser.open("/organizations.jsp");
        browser.awaitReadyPanels(2);
        assertAll(
                () -> assertEquals(1, dashboardScripts, "panel scripts on the dashboard"),
                () -> assertEquals(2, browser.driver().findElements(PANEL_SCRIPTS).size(), "on the two-organizations page"));
    }

    @Test
    void userWithoutOperatorGetsNoPanelOnThePlainPage() {
        browser.signIn("guest");
        browser.open("/plain");

        browser.assertNoPanel();
    }
}
