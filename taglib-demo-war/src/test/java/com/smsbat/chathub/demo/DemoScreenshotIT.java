package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperties;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Makes the picture (README, docs/demo.md) of the dashboard with the sandbox panel, only when asked:
 * {@code mvn -B -pl taglib-demo-war -am verify -Dtest=MarkdownSectionTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=DemoScreenshotIT -Ddemo.screenshot=$PWD/docs/demo-dashboard.png}.
 */
@EnabledIfSystemProperties({
        @EnabledIfSystemProperty(named = "demo.screenshot", matches = ".+"),
        @EnabledIfSystemProperty(named = "demo.container", matches = "jetty")})
class DemoScreenshotIT {

    @Test
    void dashboardWithTheSandboxPanel() throws Exception {
        Browser.assumeAvailable();
        Path target = Path.of(System.getProperty("demo.screenshot"));
        try (DemoJetty demo = DemoJetty.start(); DemoBrowser browser = new DemoBrowser(demo)) {
            browser.driver().manage().window().setSize(new Dimension(1280, 800));
            browser.signIn("john");
            assertTrue(browser.awaitReadyPanels(1).get(0).isDisplayed(), "the panel is on the picture");

            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, browser.driver().getScreenshotAs(OutputType.BYTES));
        }
    }
}
