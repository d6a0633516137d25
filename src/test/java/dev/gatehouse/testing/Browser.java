package dev.gatehouse.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * One headless Debian Chromium driven through Debian's chromedriver, for browser tests of the
 * portal. Nothing is ever downloaded: the driver and the browser are given explicitly, so Selenium
 * Manager does not run. Start one per test class ({@code @BeforeAll}), call {@link #reset()}
 * between tests if they must not share cookies, and close it in {@code @AfterAll}.
 *
 * <p>Every console message of level SEVERE is collected, including the browser's own "Refused to …"
 * messages for Content-Security-Policy violations, so a test can assert that {@link
 * #consoleErrors()} is empty after visiting pages.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** How long the helpers wait for an element to appear; also the driver's implicit wait. */
    public static final Duration WAIT = Duration.ofSeconds(2);

    public static final Duration PAGE_LOAD = Duration.ofSeconds(20);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path home;
    private final String baseUrl;
    private final List<String> consoleErrors = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path home, String baseUrl) {
        this.service = service;
        this.driver = driver;
        this.home = home;
        this.baseUrl = baseUrl;
        this.shutdownHook = new Thread(this::quit, "browser-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A browser whose {@link #open} takes absolute URLs only. */
    public static Browser start() {
        return start(null);
    }

    /**
     * A browser whose {@link #open} also takes paths ({@code "/portal/"}), resolved against {@code
     * baseUrl}.
     */
    public static Browser start(String baseUrl) {
        requireExecutable(CHROMIUM, "chromium");
        requireExecutable(CHROMEDRIVER, "chromedriver");
        Path home; // the profile and the chromedriver log; deleted on close, kept if start fails
        try {
            home = Files.createTempDirectory("gatehouse-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path profile = home.resolve("profile");
        Path driverLog = home.resolve("chromedriver.log");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // tests run as root
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);

        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .withLogFile(driverLog.toFile())
                        .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            service.stop();
            throw new IllegalStateException(
                    "Could not start headless Chromium ("
                            + CHROMIUM
                            + " via "
                            + CHROMEDRIVER
                            + "); chromedriver log: "
                            + driverLog
                            + "\n"
                            + tail(driverLog),
                    e);
        }
        driver.manage().timeouts().implicitlyWait(WAIT);
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
        driver.manage().timeouts().scriptTimeout(PAGE_LOAD);
        return new Browser(
                service, driver, home, baseUrl == null ? null : baseUrl.replaceAll("/+$", ""));
    }

    /** The underlying driver, for anything the helpers do not cover. */
    public WebDriver driver() {
        return driver;
    }

    /**
     * Loads {@code url} and waits for the page to load; a path is resolved against the base URL.
     */
    public Browser open(String url) {
        String target = url;
        if (url.startsWith("/")) {
            if (baseUrl == null) {
                throw new IllegalArgumentException(
                        "open(\"" + url + "\") needs Browser.start(baseUrl)");
            }
            target = baseUrl + url;
        }
        driver.get(target);
        drainConsole();
        return this;
    }

    /**
     * Types {@code value} into the field found by CSS selector or, failing that, by {@code name};
     * clears it first.
     */
    public Browser fill(String cssOrName, String value) {
        WebElement field = find(cssOrName);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Clicks the element found by CSS selector (or name); waits for any page load it starts. */
    public Browser click(String css) {
        find(css).click();
        drainConsole();
        return this;
    }

    /**
     * Clicks a button that submits a form (or a link) and waits, up to {@link #PAGE_LOAD}, until
     * the page it leads to has replaced this one: unlike {@link #click}, safe to follow with a look
     * at the URL.
     */
    public Browser submit(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        new WebDriverWait(driver, PAGE_LOAD).until(d -> replaced(page));
        drainConsole();
        return this;
    }

    /**
     * True once {@code page} has left the document. Chromium reports a node of a page being torn
     * down either as stale or, mid-navigation, as "does not belong to the document"; both mean the
     * same.
     */
    private static boolean replaced(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Signs in with a one-time password and replaces it with {@code newPassword}, as every new
     * person's first sign-in must; ends on the account page.
     */
    public Browser signInFirstTime(String email, String oneTimePassword, String newPassword) {
        open("/portal/sign-in");
        fill("email", email).fill("password", oneTimePassword).submit("main button[type=submit]");
        fill("current", oneTimePassword)
                .fill("next", newPassword)
                .fill("repeat", newPassword)
                .submit("main button[type=submit]");
        if (!"/portal/account".equals(currentPath())) {
            throw new AssertionError("the first sign-in ended on " + currentPath());
        }
        return this;
    }

    /**
     * The visible text of the element found by CSS selector (or name); {@code text("body")} is the
     * page.
     */
    public String text(String css) {
        return find(css).getText();
    }

    /** Whether an element matches the CSS selector (or name) right now; does not wait. */
    public boolean has(String cssOrName) {
        return lookup(cssOrName) != null;
    }

    /**
     * The first element matching the CSS selector or, failing that, the {@code name}, waiting up to
     * {@link #WAIT}.
     */
    public WebElement find(String cssOrName) {
        try {
            return new WebDriverWait(driver, WAIT).until(d -> lookup(cssOrName));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "No element matches CSS selector or name '"
                            + cssOrName
                            + "' on "
                            + driver.getCurrentUrl()
                            + " after "
                            + WAIT.toSeconds()
                            + " s",
                    e);
        }
    }

    private WebElement lookup(String cssOrName) {
        return (WebElement)
                ((JavascriptExecutor) driver)
                        .executeScript(
                                """
                                let found = null;
                                try { found = document.querySelector(arguments[0]); } catch (e) { /* not CSS: a name */ }
                                return found || document.getElementsByName(arguments[0])[0] || null;
                                """,
                                cssOrName);
    }

    /**
     * The path of the current URL ({@code /portal/keys}); the whole URL when it has no path ({@code
     * data:}).
     */
    public String currentPath() {
        String url = driver.getCurrentUrl();
        URI uri = URI.create(url);
        return uri.isOpaque() || uri.getRawPath() == null ? url : uri.getRawPath();
    }

    /** Writes a PNG of the viewport to {@code file}, creating its directories. */
    public Path screenshot(Path file) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cookies visible to the current page, by name. */
    public Map<String, Cookie> cookies() {
        Map<String, Cookie> byName = new TreeMap<>();
        for (Cookie c : driver.manage().getCookies()) {
            byName.put(c.getName(), c);
        }
        return byName;
    }

    /**
     * Every SEVERE console message since start or the last {@link #reset()}/{@link
     * #clearConsoleErrors()}: script errors, failed loads and CSP violations ("Refused to execute
     * inline script because it violates the following Content Security Policy directive: …").
     */
    public synchronized List<String> consoleErrors() {
        drainConsole();
        return List.copyOf(consoleErrors);
    }

    /** The subset of {@link #consoleErrors()} that are Content-Security-Policy violations. */
    public List<String> cspViolations() {
        return consoleErrors().stream().filter(m -> m.contains("Content Security Policy")).toList();
    }

    public synchronized void clearConsoleErrors() {
        drainConsole();
        consoleErrors.clear();
    }

    /**
     * Back to a blank page with no cookies and no collected console errors: cheap isolation between
     * tests.
     */
    public Browser reset() {
        driver.get("about:blank");
        driver.manage().deleteAllCookies();
        clearConsoleErrors();
        return this;
    }

    private synchronized void drainConsole() {
        // chromedriver hands each entry out once, so collect them as they come.
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        quit();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private synchronized void quit() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteRecursively(home);
        }
    }

    private static void requireExecutable(Path binary, String what) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(
                    "Browser tests need Debian's "
                            + what
                            + " at "
                            + binary
                            + " (nothing is downloaded): run `apt-get install chromium"
                            + " chromium-driver`");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless
        }
    }
}
