package com.smsbat.chathub.testing;

import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Headless Chromium from the system packages, driven by their chromedriver (Selenium Manager is never asked
 * to find or download anything), with a fresh profile. Host names other than the loopback ones do not
 * resolve, so a page under test cannot reach the internet. The console is recorded per page.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Skips the calling test (class), saying so, when Chromium or chromedriver is not installed; fails under CI. */
    public static void assumeAvailable() {
        Required.assumeInstalled(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium not found: install it with `apt-get install chromium chromium-driver` (CI does)");
    }

    public static Browser start() {
        return start(PageLoadStrategy.NORMAL);
    }

    /**
     * With {@link PageLoadStrategy#NONE} navigation returns at once, for pages whose load event a test holds
     * back (a slow script) while it looks at them; such a test waits for what it wants to see.
     */
    public static Browser start(PageLoadStrategy pageLoad) {
        assumeAvailable();
        Path profile;
        try {
            profile = Files.createTempDirectory("chathub-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setPageLoadStrategy(pageLoad);
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            return new Browser(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            deleteProfile(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Navigates to {@code uri}; the console record starts afresh. */
    public void open(URI uri) {
        driver.manage().logs().get(LogType.BROWSER);
        console.clear();
        driver.get(uri.toString());
    }

    /** Console errors and warnings of the current page so far, as {@code LEVEL message}. */
    public List<String> consoleProblems() {
        driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        return console.stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .toList();
    }

    /** The console problems that are Content Security Policy violations. */
    public List<String> cspViolations() {
        return consoleProblems().stream().filter(message -> message.contains("Content Security Policy")).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile(profile);
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
