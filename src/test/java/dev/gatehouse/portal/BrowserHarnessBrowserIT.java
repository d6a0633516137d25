package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The browser harness itself: a real node in a real headless Chromium, and CSP violations caught in
 * the browser.
 */
class BrowserHarnessBrowserIT {

    static Browser browser;
    static HttpServer pages;
    static String pagesUrl;

    @BeforeAll
    static void start() throws IOException {
        TestNode node = TestNode.shared();
        long t0 = System.nanoTime();
        browser = Browser.start("http://127.0.0.1:" + node.env().get("SERVER_PORT"));
        org.slf4j.LoggerFactory.getLogger(BrowserHarnessBrowserIT.class)
                .info("Browser started in {} ms", (System.nanoTime() - t0) / 1_000_000);

        // Pages under the same CSP as the portal's script rule, one clean and one with an inline
        // script.
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve(
                "/clean",
                """
                <!doctype html><html><head><title>Clean</title><script src="/app.js"></script></head>
                <body><p id="status">static</p><form><input name="who"></form></body></html>\
                """,
                "text/html");
        serve(
                "/app.js",
                "document.addEventListener('DOMContentLoaded', () => "
                        + "document.getElementById('status').textContent = 'external script ran');",
                "text/javascript");
        serve(
                "/inline",
                """
                <!doctype html><html><head><title>Inline</title></head>
                <body><p id="status">static</p>
                <script>document.getElementById('status').textContent = 'inline script ran';</script>
                </body></html>\
                """,
                "text/html");
        pages.createContext(
                "/",
                exchange -> { // /favicon.ico and anything else
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                });
        pages.start();
        pagesUrl = "http://127.0.0.1:" + pages.getAddress().getPort();
    }

    private static void serve(String path, String body, String type) {
        pages.createContext(
                path,
                exchange -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
                    exchange.getResponseHeaders()
                            .set(
                                    "Content-Security-Policy",
                                    "default-src 'self'; script-src 'self'");
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (var out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    @BeforeEach
    void fresh() {
        browser.reset();
    }

    @Test
    void opensAPageOfTheNodeAndReadsIt() {
        browser.open("/v1/openapi.json");

        assertThat(browser.currentPath()).isEqualTo("/v1/openapi.json");
        assertThat(browser.text("body")).contains("\"openapi\"").contains("/v1/tenants");
        assertThat(browser.cspViolations()).isEmpty();
        // Chromium asks every new origin for /favicon.ico; the node has none, so that 404 is the
        // only error.
        assertThat(browser.consoleErrors()).allSatisfy(m -> assertThat(m).contains("/favicon.ico"));
    }

    @Test
    void writesAPngScreenshot() throws IOException {
        browser.open("/v1/openapi.json");
        Path file = Path.of("target", "browser", "harness.png");
        Files.deleteIfExists(file);

        browser.screenshot(file);

        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 8);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }

    @Test
    void aCleanPageUnderCspReportsNoConsoleErrors() {
        browser.open(pagesUrl + "/clean").fill("who", "Ana");

        assertThat(browser.text("#status")).isEqualTo("external script ran");
        assertThat(browser.find("who").getDomProperty("value")).isEqualTo("Ana");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void anInlineScriptBlockedByCspIsReported() {
        browser.open(pagesUrl + "/inline");

        assertThat(browser.text("#status")).isEqualTo("static");
        // Chromium 156 words it "Executing inline script violates the following Content Security
        // Policy
        // directive 'script-src 'self''. … The action has been blocked."; older ones "Refused to
        // execute …".
        assertThat(browser.cspViolations())
                .singleElement()
                .asString()
                .contains("inline script")
                .contains("Content Security Policy directive 'script-src 'self''");

        browser.clearConsoleErrors();
        assertThat(browser.open(pagesUrl + "/clean").consoleErrors()).isEmpty();
    }
}
