package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.Http;
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
 * ERP Access in the portal, in a real browser (Debian's headless Chromium): create an account and
 * an actor, issue a credential set and see its secrets exactly once, engage the kill switch through
 * its confirmation and see a relay refused while the portal keeps working, and read the page in
 * Spanish. Every page is checked for CSP violations and console errors, and photographed into
 * {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayBrowserIT {

    static final String NEW_PASSWORD = "correct horse battery staple 42";
    static TestNode node;
    static Browser browser;
    static String accountId;
    static String actorPath;
    static String clientId;
    static String apiPassword;
    static String xApiKey;
    static final List<String> visited = new ArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of());
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
        assertThat(browser.cspViolations())
                .as("CSP violations on " + browser.currentPath())
                .isEmpty();
    }

    @Test
    @Order(1)
    void signInAndFindErpAccessInTheMenu() {
        String email = node.terminal().valueAfter("Admin e-mail:");
        String oneTimePassword = node.terminal().valueAfter("One-time password:").split("\\s+")[0];
        browser.signInFirstTime(email, oneTimePassword, NEW_PASSWORD);
        browser.submit("header nav a[href='/portal/gateway']");
        assertThat(browser.currentPath()).isEqualTo("/portal/gateway");
        assertThat(browser.text("h1")).isEqualTo("ERP Access");
        assertThat(browser.text("#no-accounts")).isEqualTo("No accounts yet.");
        shot("gateway-accounts-empty");
    }

    @Test
    @Order(2)
    void createAnAccountAndAnActor() {
        browser.submit("#new-account ~ form button[type=submit]");
        assertThat(browser.text("#account-name-error")).contains("Give it a name");
        browser.fill("#account-name", "Acme Distribution")
                .submit("#new-account ~ form button[type=submit]");
        assertThat(browser.currentPath()).matches("/portal/gateway/accounts/acct_[0-9a-z]{26}");
        assertThat(browser.text("h1")).isEqualTo("Account Acme Distribution");
        assertThat(browser.text("[role=status]")).isEqualTo("The account was created.");
        accountId = browser.currentPath().substring("/portal/gateway/accounts/".length());
        browser.fill("#actor-name", "Order sync")
                .fill("#actor-email", "ops@acme.example")
                .submit("#new-actor ~ form button[type=submit]");
        actorPath = browser.currentPath();
        assertThat(actorPath).matches("/portal/gateway/actors/act_[0-9a-z]{26}");
        assertThat(browser.text("#actor-status")).isEqualTo("Active");
        shot("gateway-actor");
    }

    @Test
    @Order(3)
    void issuingACredentialSetShowsItsSecretsOnce() {
        browser.fill("#cred-rateLimit", "120")
                .fill("#cred-allowedIps", "127.0.0.1")
                .submit("#new-credential ~ form button[type=submit]");
        assertThat(browser.text("h1")).isEqualTo("Credential set issued");
        assertThat(browser.text("#one-time"))
                .contains("will not be shown again", "Do not share them over unsecured channels");
        clientId = browser.find("#client-id").getAttribute("value");
        apiPassword = browser.find("#api-password").getAttribute("value");
        xApiKey = browser.find("#x-api-key").getAttribute("value");
        assertThat(clientId).matches("gwc_[0-9a-z]{26}");
        assertThat(apiPassword).matches("gwp_[A-Za-z0-9_-]{43}");
        assertThat(xApiKey).matches("gwk_[A-Za-z0-9_-]{43}");
        for (String field : List.of("client-id", "api-password", "x-api-key")) {
            assertThat(browser.find("button[data-copy=" + field + "]").isDisplayed())
                    .as("script shows the copy button of " + field)
                    .isTrue();
        }
        shot("gateway-credential-issued");

        browser.submit("#secrets-done");
        assertThat(browser.currentPath()).isEqualTo(actorPath);
        assertThat(browser.text("#credential-list")).contains(clientId, "120 requests per minute");
        assertThat(browser.driver().getPageSource()).doesNotContain(apiPassword, xApiKey);
        browser.open(actorPath);
        assertThat(browser.driver().getPageSource()).doesNotContain(apiPassword, xApiKey);
        shot("gateway-credentials");
    }

    @Test
    @Order(4)
    void engagingTheKillSwitchAsksFirstThenRefusesRelays() {
        Http.Response token =
                AccessFixture.token(
                        node.http(), AccessFixture.basic(clientId, apiPassword), xApiKey);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String bearer = token.json().get("access_token").asString();

        browser.open("/portal/gateway");
        browser.submit("nav.tabs a[href='/portal/gateway/kill-switch']");
        assertThat(browser.text("#kill-status")).isEqualTo("Released: relays are allowed");
        browser.fill("#kill-reason", "ERP upgrade tonight").submit("#kill-button");
        assertThat(browser.text("h1")).isEqualTo("Engage the kill switch?");
        assertThat(browser.text("#confirm-what")).contains("ERP upgrade tonight");
        shot("gateway-kill-confirm");
        browser.submit("#confirm-button");
        assertThat(browser.currentPath()).isEqualTo("/portal/gateway/kill-switch");
        assertThat(browser.text("#kill-status")).isEqualTo("Engaged: relays are refused");
        assertThat(browser.text("#kill-reason")).isEqualTo("ERP upgrade tonight");
        shot("gateway-kill-engaged");

        Http.Response relay =
                node.http()
                        .withoutContract()
                        .send(
                                "GET",
                                "/gateway/v1/erp/customers",
                                null,
                                null,
                                Map.of("Authorization", "Bearer " + bearer, "x-api-key", xApiKey));
        assertThat(relay.status()).isEqualTo(503);
        assertThat(relay.body()).contains("kill_switch_engaged");
        browser.open(actorPath);
        assertThat(browser.text("#credential-list")).contains(clientId);
    }

    @Test
    @Order(5)
    void theKillSwitchReadsInSpanish() {
        browser.open("/portal/gateway/kill-switch");
        browser.submit("a[lang=es]");
        assertThat(browser.text("h1")).isEqualTo("Acceso ERP");
        assertThat(browser.text("#kill-status")).isEqualTo("Activado: se rechazan los reenvíos");
        shot("gateway-kill-es");
        browser.submit("a[lang=en]");
        assertThat(browser.text("#kill-status")).isEqualTo("Engaged: relays are refused");
        browser.submit("#kill-button");
        assertThat(browser.text("h1")).isEqualTo("Release the kill switch?");
        browser.submit("#confirm-button");
        assertThat(browser.text("#kill-status")).isEqualTo("Released: relays are allowed");
        browser.submit("nav.tabs a[href='/portal/gateway/schedule']");
        assertThat(browser.text("#schedule-next-utc")).endsWith(" UTC");
        shot("gateway-schedule");
    }

    @Test
    @Order(6)
    void importACatalogThenWriteAPolicyThatGrantsPartOfIt() {
        browser.open("/portal/gateway/catalog");
        browser.fill(
                        "#import-openapi",
                        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"ERP\", \"version\":"
                            + " \"1\"}, \"paths\": {\"/customers/{id}\": {\"get\": {\"summary\":"
                            + " \"One customer\", \"responses\": {\"200\": {\"description\":"
                            + " \"ok\"}}}}, \"/orders\": {\"post\": {\"responses\": {\"201\":"
                            + " {\"description\": \"ok\"}}}}}}")
                .submit("#import-dry-run");
        assertThat(browser.text("h1")).isEqualTo("Import preview");
        assertThat(browser.text("#import-summary")).contains("2 endpoints would be added");
        shot("gateway-import-preview");
        browser.submit("#import-apply");
        assertThat(browser.text("h1")).isEqualTo("Import done");
        browser.open("/portal/gateway/catalog");
        assertThat(browser.text("#endpoint-list")).contains("/customers/{id}", "One customer");
        shot("gateway-catalog");

        browser.submit("nav.tabs a[href='/portal/gateway/policies']");
        browser.fill("#policy-name", "Read customers")
                .fill("#policy-holder", accountId)
                .fill("#rule-0-method", "GET")
                .fill("#rule-0-path", "/customers/*")
                .submit("#new-policy ~ form button[type=submit]");
        assertThat(browser.currentPath()).matches("/portal/gateway/policies/pol_[0-9a-z]{26}");
        assertThat(browser.text("#grant-list")).contains("GET /customers/{id}");
        assertThat(browser.text("#grant-list")).doesNotContain("POST /orders");
        shot("gateway-policy");

        browser.submit("nav.tabs a[href='/portal/gateway/upstream']");
        assertThat(browser.text("#no-upstream")).contains("No upstream is configured yet");
        shot("gateway-upstream");
    }
}
