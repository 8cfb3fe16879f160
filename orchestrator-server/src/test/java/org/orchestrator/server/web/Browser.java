package org.orchestrator.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: both paths are given
 * explicitly, so Selenium Manager never looks for (or downloads) a browser or a driver. Each
 * browser gets a fresh profile, deleted on close. Screenshots go to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriver driver;

    private Browser(String baseUrl, Path profile, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.driver = driver;
    }

    /** Set to {@code 1} (CI does, in .ci/run), a missing Chromium fails the browser tests instead of skipping them. */
    static final String REQUIRED_ENV = "ORCHESTRATOR_TEST_BROWSER_REQUIRED";

    /**
     * Skips the calling test when Chromium is not installed, so a developer without it can still
     * run the suite; fails it instead when {@value #REQUIRED_ENV} is {@code 1}, so a broken install
     * in CI is never hidden as skipped tests.
     */
    static void assumeInstalled() {
        requireOrSkip(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), System.getenv(REQUIRED_ENV));
    }

    /** The decision of {@link #assumeInstalled()}, given whether the browser is there and the variable's value (or null). */
    static void requireOrSkip(boolean installed, String required) {
        String missing = "needs Debian's chromium and chromium-driver at " + CHROMIUM + " and " + CHROMEDRIVER;
        if (!installed && "1".equals(required)) {
            throw new AssertionError(missing + " (" + REQUIRED_ENV + "=1, so a missing browser fails the test)");
        }
        Assumptions.assumeTrue(installed, missing);
    }

    /** @return a new headless browser, its window of the given size */
    static Browser open(String baseUrl, Dimension size) {
        Path profile = tempDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + size.getWidth() + "," + size.getHeight());
        if (size.getWidth() < 500) {
            // Desktop Chromium will not make a window this narrow; emulate the phone's screen instead.
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", size.getWidth(), "height", size.getHeight(), "pixelRatio", 1.0)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        try {
            return new Browser(baseUrl, profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a path of the server, e.g. {@code /dags}. */
    void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Logs in through the form and waits for the DAG list. */
    void login(String user) {
        go("/login");
        waitFor(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.password(user));
        driver.findElement(By.id("login-submit")).click();
        waitFor(By.id("logout"));
    }

    /** @return the element once it is visible */
    WebElement waitFor(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits (polling, with a deadline) until the condition holds; @return its value */
    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(condition);
    }

    /** Runs a script in the page; @return its result */
    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Runs a script that calls its last argument when done; @return what it passed */
    Object asyncScript(String js, Object... args) {
        return driver.executeAsyncScript(js, args);
    }

    /** Saves the page as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the console's errors since the last call (the driver hands each entry out once) */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
    }

    /** Fails when the console logged an error (a script error, a CSP violation, a failed request). */
    void assertConsoleClean() {
        org.assertj.core.api.Assertions.assertThat(consoleErrors()).as("browser console errors").isEmpty();
    }

    /** @return the text of the element, once it contains the given text */
    String waitForText(By locator, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
        return driver.findElement(locator).getText();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("orchestrator-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temp folder is harmless; the test result is what matters.
        }
    }
}
