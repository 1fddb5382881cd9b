package dev.newsfeed.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver. Both are given by path so that Selenium Manager
 * never reaches for the network. Where they are missing the browser tests say so loudly: on CI ({@code CI=true},
 * where {@code .ci/run} installs them) they fail; elsewhere they are skipped with the same message.
 */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        requireInstalled();
        Path profile;
        try {
            // Under target/, so that a clean build removes the profiles.
            profile = Files.createTempDirectory(Files.createDirectories(Path.of("target", "chromium")), "profile");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for a fresh Chromium profile", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // The back/forward cache stays on, as in readers' browsers: a list page left for another must end its event
        // stream (reader/app.js, pagehide), or after six list pages the seventh waits for one of Chromium's six
        // connections to the host (ReaderBrowserTest took 83 s, 55 of them in one driver.get).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The console messages logged since the last call (reading them empties the browser's buffer). */
    static List<LogEntry> console(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /**
     * Emulates the reader's colour scheme preference, as the operating system would set it, and reduced motion,
     * so that a screenshot never catches an arriving article half faded in.
     */
    static void colorScheme(ChromeDriver driver, String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(
                Map.of("name", "prefers-color-scheme", "value", scheme),
                Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    }

    /** A viewport of this size, as a phone (touch, mobile layout) or a desktop window. */
    static void viewport(ChromeDriver driver, int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    private static void requireInstalled() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "\n\n*** The web reader's browser tests did NOT run: " + BINARY + " or " + DRIVER
                + " is missing.\n*** Install them with: apt-get install -y chromium chromium-driver"
                + " (.ci/run does).\n";
        System.err.println(message);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }
}
