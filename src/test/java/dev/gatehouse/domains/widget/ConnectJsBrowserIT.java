package dev.gatehouse.domains.widget;

import static dev.gatehouse.domains.widget.WidgetFixtures.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * connect.js end to end, as an end user meets it: a tenant's page on its own origin (served here
 * from loopback, under a strict CSP with Trusted Types) embeds the script from a real Gatehouse
 * node with a token its server just minted; the user types a domain with the keyboard, sees the
 * exact records, creates them in a real BIND, presses "Check now" and watches the domain go live.
 */
class ConnectJsBrowserIT {

    static final String TARGET = "edge.saas.example.net";
    static final Duration DNS_WAIT = Duration.ofSeconds(15);

    static Bind bind;
    static TestNode node;
    static HttpServer page;
    static String pageOrigin;
    static Browser browser;
    static Tenancy.TestTenant tenant;
    static String app;

    @BeforeAll
    static void start() throws IOException {
        bind = Bind.shared();
        node =
                TestNode.start(
                        Map.of(
                                "DOMAINS_DNS_NAMESERVERS",
                                bind.nameserver(),
                                "DOMAINS_DNS_TIMEOUT_MS",
                                "1000"));
        page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        pageOrigin = "http://127.0.0.1:" + page.getAddress().getPort();
        page.createContext("/", ConnectJsBrowserIT::servePage);
        page.start();
        tenant = Tenancy.newTenant(node);
        app = application(node, tenant.adminKey(), TARGET, List.of(pageOrigin));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (page != null) {
                page.stop(0);
            }
            if (node != null) {
                node.close();
            }
        }
    }

    @BeforeEach
    void freshConsole() {
        browser.reset();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("console errors and CSP violations").isEmpty();
    }

    @Test
    void aCustomerConnectsTheirDomainUntilItIsLive() {
        String host = "shop-" + System.nanoTime() + ".example.com";
        browser.open(pageOrigin + "/?ref=customer-1");
        WebElement input = inWidget("input#gh-domain");
        assertThat(inWidget("label[for=gh-domain]").getText()).isEqualTo("Your domain");
        assertThat(inWidget("h2").getText()).startsWith("Connect your domain to Shop builder");

        input.sendKeys("https://" + host.toUpperCase() + "/", Keys.ENTER);

        WebElement txt = inWidget("tr[data-type=TXT]");
        List<WebElement> txtCells = txt.findElements(By.cssSelector("td"));
        String challengeName = txtCells.get(1).getText();
        String challenge = txtCells.get(2).getText();
        assertThat(challengeName).isEqualTo("_gatehouse-challenge." + host);
        assertThat(challenge).startsWith("gh-verify=");
        List<WebElement> cnameCells =
                inWidget("tr[data-type=CNAME]").findElements(By.cssSelector("td"));
        assertThat(cnameCells.get(1).getText()).isEqualTo(host);
        assertThat(cnameCells.get(2).getText()).isEqualTo(TARGET);
        assertThat(activeElementText())
                .as("focus moves to the records heading")
                .isEqualTo("Add these DNS records");
        assertThat(inWidget("section").getText())
                .doesNotContain("null")
                .doesNotContain("undefined");
        shot("widget-records");

        inWidget("button.gh-check-now").click();
        waitForWidget(d -> live().contains("Waiting for the ownership record"));
        assertThat(txtCells.get(3).getText()).isIn("Not found yet", "The name does not exist yet");
        assertThat(activeElementText()).as("focus stays on the button").isEqualTo("Check now");

        bind.set(challengeName, "TXT", challenge);
        bind.set(host, "CNAME", TARGET + ".");
        WebElement check = inWidget("button.gh-check-now");
        check.sendKeys(Keys.ENTER);

        WebElement done = waitForWidget(d -> first("h2.gh-done"));
        assertThat(done.getText()).isEqualTo("Your domain is connected");
        assertThat(inWidget("p.gh-ok").getText()).contains(host);
        assertThat(activeElementText())
                .as("focus moves to the done heading")
                .isEqualTo("Your domain is connected");
        assertThat(browser.find("body[data-live=yes]")).as("onLive callback").isNotNull();
        shot("widget-live");
        JsonConnection c = connectionOf(host);
        assertThat(c.status()).isEqualTo("live");
        assertThat(c.endUserRef()).isEqualTo("customer-1");
    }

    @Test
    void aMismatchedValueIsShownWithWhatWasFound() {
        String host = "wrong-" + System.nanoTime() + ".example.com";
        browser.open(pageOrigin + "/");
        inWidget("input#gh-domain").sendKeys(host, Keys.ENTER);
        WebElement txt = inWidget("tr[data-type=TXT]");
        String challengeName = txt.findElements(By.cssSelector("td")).get(1).getText();

        bind.set(challengeName, "TXT", "gh-verify=not-the-challenge");
        inWidget("button.gh-check-now").click();

        waitForWidget(
                d ->
                        txt.findElements(By.cssSelector("td"))
                                        .get(3)
                                        .getText()
                                        .contains("not-the-challenge")
                                ? txt
                                : null);
        assertThat(txt.findElements(By.cssSelector("td")).get(3).getText())
                .isEqualTo("Found a different value: gh-verify=not-the-challenge");
        assertThat(inWidget("p.gh-bad").getText())
                .isEqualTo("We could not find the TXT record with the exact value shown yet.");
        assertThat(connectionOf(host).status()).isEqualTo("pending");
    }

    @Test
    void caaRecordsForbiddingOurCasAreExplainedWhileWaitingAndOnceLive() {
        String parent = "p" + System.nanoTime() + ".example.com";
        String host = "shop." + parent;
        bind.setRdata(parent, "CAA", "0 issue \"digicert.com\"");
        browser.open(pageOrigin + "/");
        inWidget("input#gh-domain").sendKeys(host, Keys.ENTER);
        List<WebElement> txtCells =
                inWidget("tr[data-type=TXT]").findElements(By.cssSelector("td"));
        assertThat(inWidget("p.gh-caa").getText()).as("not checked yet").isEmpty();

        inWidget("button.gh-check-now").click();

        String expected =
                "The secure certificate for "
                        + host
                        + " will fail: the CAA records of "
                        + parent
                        + " do not allow the certificate authorities we use (letsencrypt.org,"
                        + " sectigo.com). To fix it, add a CAA record at "
                        + parent
                        + " with the value 0 issue \"letsencrypt.org\".";
        waitForWidget(d -> inWidget("p.gh-caa").getText().isEmpty() ? null : true);
        assertThat(inWidget("p.gh-caa").getText()).isEqualTo(expected);
        shot("widget-caa");

        bind.set(txtCells.get(1).getText(), "TXT", txtCells.get(2).getText());
        bind.set(host, "CNAME", TARGET + ".");
        inWidget("button.gh-check-now").click();

        waitForWidget(d -> first("h2.gh-done"));
        assertThat(inWidget("p.gh-caa").getText()).isEqualTo(expected);
        assertThat(connectionOf(host).status()).as("reported, not blocking").isEqualTo("live");
    }

    @Test
    void aCriticalCaaPropertyIsExplainedInSpanishAndAllowingRecordsSayNothing() {
        String critical = "critica-" + System.nanoTime() + ".example.com";
        bind.setRdata(critical, "CAA", "0 issue \"letsencrypt.org\"", "128 tbs \"x\"");
        browser.open(pageOrigin + "/?locale=es");
        inWidget("input#gh-domain").sendKeys(critical, Keys.ENTER);
        inWidget("button.gh-check-now").click();

        waitForWidget(d -> inWidget("p.gh-caa").getText().isEmpty() ? null : true);
        assertThat(inWidget("p.gh-caa").getText())
                .isEqualTo(
                        "El certificado seguro de "
                                + critical
                                + " fallará: los registros CAA de "
                                + critical
                                + " tienen una propiedad crítica que las autoridades de"
                                + " certificación no reconocen. Corrígela o elimínala.");

        bind.setRdata(critical, "CAA", "0 issue \"letsencrypt.org\"");
        inWidget("button.gh-check-now").click();

        waitForWidget(d -> inWidget("p.gh-caa").getText().isEmpty() ? true : null);
        assertThat(connectionOf(critical).caaStatus()).isEqualTo("allowed");
    }

    @Test
    void dnsServersThatDoNotAnswerAreSaidPlainlyNotAsAMismatch() {
        String host = "down-" + System.nanoTime() + "." + Bind.SERVFAIL_ZONE;
        browser.open(pageOrigin + "/");
        inWidget("input#gh-domain").sendKeys(host, Keys.ENTER);
        WebElement txt = inWidget("tr[data-type=TXT]");
        assertThat(inWidget("p.gh-deadline").getText()).startsWith("Please add the records by ");

        inWidget("button.gh-check-now").click();

        waitForWidget(
                d ->
                        txt.findElements(By.cssSelector("td"))
                                        .get(3)
                                        .getText()
                                        .startsWith("No answer")
                                ? txt
                                : null);
        assertThat(txt.findElements(By.cssSelector("td")).get(3).getText())
                .isEqualTo("No answer: the DNS servers reported an error; we will retry");
        assertThat(inWidget("p.gh-reason").getText())
                .isEqualTo("The DNS servers did not answer; we will retry.");
        assertThat(inWidget("p.gh-reason").getAttribute("class")).doesNotContain("gh-bad");
        assertThat(txt.getAttribute("data-ok")).isEqualTo("false");
        assertThat(connectionOf(host).status()).isEqualTo("pending");
    }

    @Test
    void dnsServersThatDoNotAnswerAreSaidPlainlyInSpanish() {
        String host = "caido-" + System.nanoTime() + "." + Bind.SERVFAIL_ZONE;
        browser.open(pageOrigin + "/?locale=es");
        inWidget("input#gh-domain").sendKeys(host, Keys.ENTER);
        WebElement txt = inWidget("tr[data-type=TXT]");
        assertThat(inWidget("p.gh-deadline").getText())
                .startsWith("Agrega los registros antes del ");

        inWidget("button.gh-check-now").click();

        waitForWidget(
                d ->
                        txt.findElements(By.cssSelector("td"))
                                        .get(3)
                                        .getText()
                                        .startsWith("Sin respuesta")
                                ? txt
                                : null);
        assertThat(txt.findElements(By.cssSelector("td")).get(3).getText())
                .isEqualTo(
                        "Sin respuesta: los servidores DNS informaron de un error; lo intentaremos"
                                + " de nuevo");
        assertThat(inWidget("p.gh-reason").getText())
                .isEqualTo("Los servidores DNS no respondieron; lo intentaremos de nuevo.");
    }

    @Test
    void anInvalidDomainIsExplainedNextToTheFieldInSpanish() {
        browser.open(pageOrigin + "/?locale=es");
        WebElement input = inWidget("input#gh-domain");
        assertThat(inWidget("label[for=gh-domain]").getText()).isEqualTo("Tu dominio");

        input.sendKeys("not a domain", Keys.ENTER);
        waitForWidget(d -> "true".equals(input.getAttribute("aria-invalid")) ? input : null);
        assertThat(inWidget("#gh-domain-error").getText()).startsWith("Eso no parece un dominio");

        input.clear();
        input.sendKeys("co.uk", Keys.ENTER);
        waitForWidget(
                d ->
                        inWidget("#gh-domain-error")
                                        .getText()
                                        .startsWith("Ese dominio no se puede usar")
                                ? input
                                : null);
        assertThat(activeElementId()).isEqualTo("gh-domain");
        assertThat(browser.consoleErrors())
                .as("only the refused create is logged")
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("/widget/v1/connections")
                .contains("status of 400");
        browser.clearConsoleErrors();
    }

    @Test
    void theCopyButtonPutsTheValueOnTheClipboard() {
        ((ChromeDriver) browser.driver())
                .executeCdpCommand(
                        "Browser.grantPermissions",
                        Map.of(
                                "origin",
                                pageOrigin,
                                "permissions",
                                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        String host = "copy-" + System.nanoTime() + ".example.com";
        browser.open(pageOrigin + "/");
        inWidget("input#gh-domain").sendKeys(host, Keys.ENTER);
        WebElement txt = inWidget("tr[data-type=TXT]");
        String challenge = txt.findElements(By.cssSelector("td")).get(2).getText();

        WebElement copy = txt.findElement(By.cssSelector("button.gh-copy"));
        assertThat(copy.getAttribute("aria-label")).isEqualTo("Copy the value of the TXT record");
        copy.click();

        waitForWidget(d -> "Copied".equals(copy.getText()) ? copy : null);
        assertThat(live()).isEqualTo("The TXT value was copied.");
        Object clipboard =
                ((JavascriptExecutor) browser.driver())
                        .executeAsyncScript(
                                "navigator.clipboard.readText().then(arguments[0], e =>"
                                        + " arguments[0]('error: ' + e))");
        assertThat(clipboard).isEqualTo(challenge);
    }

    // ---- the tenant's page and its server ----

    private static void servePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/embed.js")) {
                send(
                        exchange,
                        "text/javascript; charset=utf-8",
                        """
                        const el = document.getElementById('gh-connect');
                        GatehouseConnect.mount(el, {
                          token: el.dataset.token,
                          locale: el.dataset.locale,
                          onLive() { document.body.setAttribute('data-live', 'yes'); }
                        });
                        """);
                return;
            }
            if (!path.equals("/")) {
                exchange.sendResponseHeaders(path.equals("/favicon.ico") ? 204 : 404, -1);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI());
            String body =
                    query.containsKey("ref") ? Http.json("end_user_ref", query.get("ref")) : "{}";
            String token = WidgetFixtures.token(node, tenant.adminKey(), app, body);
            String gatehouse = "http://127.0.0.1:" + node.env().get("SERVER_PORT");
            exchange.getResponseHeaders()
                    .set(
                            "Content-Security-Policy",
                            "default-src 'none'; script-src 'self' "
                                    + gatehouse
                                    + "; connect-src "
                                    + gatehouse
                                    + "; style-src 'self'; img-src 'self' data:; base-uri 'none';"
                                    + " form-action 'none'; require-trusted-types-for 'script';"
                                    + " trusted-types 'none'");
            send(
                    exchange,
                    "text/html; charset=utf-8",
                    """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Tenant dashboard</title>
                    <script src="%s/widget/v1/connect.js"></script></head>
                    <body><h1>Your store</h1>
                    <div id="gh-connect" data-token="%s" data-locale="%s"></div>
                    <script src="/embed.js"></script></body></html>
                    """
                            .formatted(gatehouse, token, query.getOrDefault("locale", "en")));
        }
    }

    private static void send(HttpExchange exchange, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new java.util.HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return out;
    }

    // ---- reading the widget through its shadow root ----

    private static SearchContext shadow() {
        return browser.find("#gh-connect").getShadowRoot();
    }

    private static WebElement first(String css) {
        try {
            return shadow().findElement(By.cssSelector(css));
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    private static WebElement inWidget(String css) {
        return waitForWidget(d -> first(css));
    }

    private static <T> T waitForWidget(
            java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), DNS_WAIT)
                .ignoring(NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    private static String live() {
        WebElement status = first("[role=status]");
        return status == null ? "" : status.getText();
    }

    private static String activeElementText() {
        return (String)
                ((JavascriptExecutor) browser.driver())
                        .executeScript(
                                "const a ="
                                    + " document.getElementById('gh-connect').shadowRoot.activeElement;"
                                    + " return a ? a.textContent : '';");
    }

    private static String activeElementId() {
        return (String)
                ((JavascriptExecutor) browser.driver())
                        .executeScript(
                                "const a ="
                                    + " document.getElementById('gh-connect').shadowRoot.activeElement;"
                                    + " return a ? a.id : '';");
    }

    private static void shot(String name) {
        browser.screenshot(Path.of("target/screenshots", name + ".png"));
    }

    record JsonConnection(String status, @Nullable String endUserRef, @Nullable String caaStatus) {}

    private static JsonConnection connectionOf(String host) {
        Http.Response r =
                node.http().get("/v1/applications/" + app + "/connections", tenant.adminKey());
        for (var c : r.json().get("data")) {
            if (c.get("hostname").asString().equals(host)) {
                return new JsonConnection(
                        c.get("status").asString(),
                        c.get("end_user_ref").isNull() ? null : c.get("end_user_ref").asString(),
                        c.get("caa").isNull() ? null : c.get("caa").get("status").asString());
            }
        }
        throw new AssertionError("no connection for " + host + " in " + r.body());
    }
}
