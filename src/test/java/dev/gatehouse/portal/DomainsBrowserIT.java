package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Connect Domain in the portal, in a real browser (Debian's headless Chromium): create an
 * application and see its webhook secret once, add a customer hostname, read the records to create,
 * press "Verify now" against a real BIND the test writes records into (first with a wrong TXT
 * value, then with the right records, until the hostname is live), and look at usage. Every page is
 * checked for CSP violations and photographed; {@code -Dgatehouse.screenshots=docs/screenshots}
 * refreshes the README's {@code domains-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DomainsBrowserIT {

    static final String NEW_PASSWORD = "correct horse battery staple 42";
    static final String HOST = "shop.customer-" + System.nanoTime() % 100_000 + ".example.com";
    static Bind dns;
    static TestNode node;
    static Browser browser;
    static String secret;
    static String appPath;
    static String connectionPath;
    static final List<String> visited = new ArrayList<>();

    @BeforeAll
    static void start() {
        dns = Bind.shared();
        node =
                TestNode.start(
                        Map.of(
                                "DOMAINS_DNS_NAMESERVERS",
                                dns.nameserver(),
                                "DOMAINS_DNS_TIMEOUT_MS",
                                "1000"));
        browser = Browser.start("http://127.0.0.1:" + node.env().get("SERVER_PORT"));
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(browser.cspViolations()).as("CSP violations on " + visited).isEmpty();
            assertThat(browser.consoleErrors()).as("console errors on " + visited).isEmpty();
            assertThat(node.bean(CspReports.class).count()).as("CSP reports received").isZero();
        } finally {
            browser.close();
            node.close();
        }
    }

    private static void shot(String name) {
        visited.add(browser.currentPath());
        browser.screenshot(Path.of("target/screenshots", name + ".png"));
        String docs = System.getProperty("gatehouse.screenshots");
        if (docs != null && !docs.isBlank()) {
            browser.screenshot(Path.of(docs).resolve(name + ".png"));
        }
        assertThat(browser.cspViolations())
                .as("CSP violations on " + browser.currentPath())
                .isEmpty();
    }

    @Test
    @Order(1)
    void signInAndFindDomainsInTheMenu() {
        String email = node.terminal().valueAfter("Admin e-mail:");
        String oneTimePassword = node.terminal().valueAfter("One-time password:").split("\\s+")[0];
        browser.signInFirstTime(email, oneTimePassword, NEW_PASSWORD);
        browser.submit("header nav a[href='/portal/domains']");
        assertThat(browser.currentPath()).isEqualTo("/portal/domains");
        assertThat(browser.text("h1")).isEqualTo("Applications");
    }

    @Test
    @Order(2)
    void aWrongFormShowsItsProblemsNextToTheFields() {
        browser.open("/portal/domains");
        browser.fill("#new-cname", "not a hostname!")
                .fill("#new-origin", "https://origin.example.net")
                .submit("#new-app ~ form button[type=submit]");
        assertThat(browser.text("#new-name-error")).contains("Give the application a name");
        assertThat(browser.text("#new-cname-error")).contains("edge.example.com");
        assertThat(browser.find("#new-cname").getAttribute("aria-describedby"))
                .contains("new-cname-error");
        assertThat(browser.find("#new-origin").getAttribute("value"))
                .isEqualTo("https://origin.example.net");
        shot("domains-form-errors");
    }

    @Test
    @Order(3)
    void creatingAnApplicationShowsTheWebhookSecretOnce() {
        browser.fill("#new-name", "Storefront")
                .fill("#new-cname", "edge.example.net")
                .fill("#new-ipv4", "203.0.113.10")
                .fill("#new-origin", "https://origin.example.net")
                .fill("#new-allowedOrigins", "https://app.example.net")
                .fill("#new-webhookUrl", "https://hooks.example.net/gatehouse")
                .submit("#new-app ~ form button[type=submit]");
        assertThat(browser.text("h1")).isEqualTo("Application created");
        secret = browser.find("#webhook-secret").getAttribute("value");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(browser.text("[role=status]")).contains("It will not be shown again");
        assertThat(browser.find("button[data-copy=webhook-secret]").isDisplayed())
                .as("script shows the copy button")
                .isTrue();
        shot("domains-app-created");

        browser.submit("main a.button");
        appPath = browser.currentPath();
        assertThat(appPath).matches("/portal/domains/apps/app_[0-9a-z]{26}");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        browser.open("/portal/domains");
        assertThat(browser.text("table")).contains("Storefront");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        shot("domains-applications");
    }

    @Test
    @Order(4)
    void addingAConnectionShowsTheRecordsToCreate() {
        browser.open(appPath);
        browser.fill("#conn-hostname", HOST)
                .fill("#conn-ref", "customer-42")
                .submit("#connections ~ form button[type=submit]");
        connectionPath = browser.currentPath();
        assertThat(connectionPath).startsWith(appPath + "/connections/conn_");
        assertThat(browser.text("#connection-status")).isEqualTo("Pending");
        assertThat(browser.find("#rec-0-name").getAttribute("value"))
                .isEqualTo("_gatehouse-challenge." + HOST);
        assertThat(browser.find("#rec-0-value").getAttribute("value"))
                .matches("gh-verify=[A-Za-z0-9_-]{32}");
        assertThat(browser.find("#rec-1-value").getAttribute("value"))
                .isEqualTo("edge.example.net");
        assertThat(browser.find("#rec-2-value").getAttribute("value")).isEqualTo("203.0.113.10");
        assertThat(browser.find("button[data-copy=rec-0-value]").isDisplayed()).isTrue();
        shot("domains-connection");
    }

    @Test
    @Order(5)
    void verifyNowShowsWhatDnsAnsweredThenTheHostnameGoesLive() {
        String challenge = browser.find("#rec-0-value").getAttribute("value");
        dns.set("_gatehouse-challenge." + HOST, "TXT", "gh-verify=left-over-from-another-provider");
        browser.submit("#verify-now");
        assertThat(browser.currentPath()).isEqualTo(connectionPath);
        assertThat(browser.text("#last-check ~ table"))
                .contains("gh-verify=left-over-from-another-provider", "Mismatch");
        assertThat(browser.text("#failure-reason")).contains("ownership TXT record was not found");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('last-check').scrollIntoView()");
        shot("domains-connection-mismatch");

        dns.set("_gatehouse-challenge." + HOST, "TXT", challenge);
        dns.set(HOST, "CNAME", "edge.example.net.");
        browser.submit("#verify-now");
        assertThat(browser.text("#connection-status")).isEqualTo("Live");
        assertThat(browser.has("#failure-reason")).isFalse();
        assertThat(browser.text("#last-check ~ table")).contains("OK");
        shot("domains-connection-live");

        browser.open(appPath);
        assertThat(browser.text("#connections ~ table")).contains(HOST, "Live");
        shot("domains-application");
    }

    @Test
    @Order(6)
    void usageCountsTheHostnameThatWentLive() {
        browser.open("/portal/domains");
        browser.submit("nav.tabs a[href='/portal/domains/usage']");
        assertThat(browser.text("#gone-live")).isEqualTo("1");
        assertThat(browser.text("#live-now")).isEqualTo("1");
        shot("domains-usage");
    }

    @Test
    @Order(7)
    void theConnectionPageReadsInSpanish() {
        browser.open(connectionPath);
        browser.submit("a[lang=es]");
        assertThat(browser.text("#connection-status")).isEqualTo("Activa");
        assertThat(browser.text("#records")).isEqualTo("Registros que hay que crear");
        shot("domains-connection-es");
        browser.submit("a[lang=en]");
        assertThat(browser.text("#records")).isEqualTo("Records to create");
    }
}
