package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.Runs;
import dev.gatehouse.erpsync.demo.DemoCompany;
import dev.gatehouse.erpsync.demo.FakePortal;
import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.identity.UserRef;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.licensing.License;
import dev.gatehouse.licensing.LicenseState;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PortalClient;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SageConnect in the portal, in a real browser (Debian's headless Chromium), on the demo a
 * development installation creates: press "Run now" and watch the run's steps arrive live until it
 * ends, without reloading; reconcile the payments as a dry run, then apply it through its
 * confirmation; read the pages in Spanish; and see the red banner once the license is revoked.
 * Every page is checked for CSP violations and console errors, and photographed into {@code
 * target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncBrowserIT {

    static final String NEW_PASSWORD = "correct horse battery staple 42";
    static TestNode node;
    static Browser browser;
    static String key;
    static String companyId;
    static String runId;
    static final List<String> visited = new ArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("SYNC_DEMO", "true"));
        key = node.bootstrapAdminKey();
        companyId = Runs.awaitDemo(node, key).get("id").asString();
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
    void theDemoIsInTheMenuAndSaysItIsADemo() {
        String email = node.terminal().valueAfter("Admin e-mail:");
        String oneTimePassword = node.terminal().valueAfter("One-time password:").split("\\s+")[0];
        browser.signInFirstTime(email, oneTimePassword, NEW_PASSWORD);
        browser.submit("header nav a[href='/portal/sync']");
        assertThat(browser.currentPath()).isEqualTo("/portal/sync");
        assertThat(browser.text("h1")).startsWith("SageConnect");
        assertThat(browser.text("#demo-banner")).contains("sample Sage 300 data");
        assertThat(browser.has("#license-banner")).as("no banner while VALID").isFalse();
        assertThat(browser.text("#co-" + companyId)).startsWith("DEMO");
        assertThat(browser.text("[data-company='" + companyId + "'] .company-status"))
                .isIn("Scheduled", "Running");
        assertThat(browser.find("#sync-days").getAttribute("role")).isEqualTo("img");
        shot("sync-home");
    }

    @Test
    @Order(2)
    void runNowShowsTheStepsLiveUntilTheRunEnds() {
        FakePortal portal = node.bean(DemoCompany.class).portal().orElseThrow();
        portal.delayAll(Duration.ofMillis(400)); // a run of a few seconds, to watch
        browser.open("/portal/sync");
        browser.submit("[data-company='" + companyId + "'] button.run-now");
        assertThat(browser.has("#run[data-events]"))
                .as("the run page opens while the run is on, with its stream")
                .isTrue();
        assertThat(browser.currentPath()).matches("/portal/sync/runs/run_[0-9a-z]{26}");
        runId = browser.currentPath().substring("/portal/sync/runs/".length());
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("window.gatehouseMarker = 'same page';");

        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(
                        d ->
                                !List.of("queued", "running")
                                        .contains(
                                                d.findElement(By.id("run-status"))
                                                        .getAttribute("data-status")));
        assertThat(js.executeScript("return window.gatehouseMarker;"))
                .as("the page was updated by its script, not reloaded")
                .isEqualTo("same page");
        portal.delayAll(Duration.ZERO);
        assertThat(browser.find("#run-status").getAttribute("data-status")).isEqualTo("succeeded");
        assertThat(browser.text("#run-status")).isEqualTo("Succeeded");
        assertThat(browser.has("#run[data-events]")).as("the stream is closed").isFalse();
        JsonNode run = node.http().get("/v1/sync/runs/" + runId, key).json();
        List<String> steps =
                run.get("steps").valueStream().map(s -> s.get("name").asString()).toList();
        List<String> shown =
                browser.driver().findElements(By.cssSelector("#run-steps tbody tr")).stream()
                        .map(r -> r.getAttribute("data-step"))
                        .toList();
        assertThat(shown).as("every step of the run, in order").isEqualTo(steps);
        assertThat(Integer.parseInt(browser.find("#run").getAttribute("data-received")))
                .as("step events the page's script received: at least each step's end")
                .isGreaterThanOrEqualTo(steps.size());
        assertThat(browser.text("#run-steps tr[data-step='createPurchaseOrders'] [data-status]"))
                .isEqualTo("Succeeded");
        shot("sync-run-live");

        browser.open("/portal/sync/purchase-orders");
        assertThat(browser.text("#ledger tr[data-key='PO0001']")).contains("Sent");
        shot("sync-purchase-orders");
    }

    @Test
    @Order(3)
    void reconcileFirstAsADryRunThenApplyIt() {
        browser.open("/portal/sync/payments");
        browser.submit("#reconcile-dry");
        assertThat(browser.find("#reconcile-result").getAttribute("data-dry-run"))
                .isEqualTo("true");
        assertThat(browser.text("#result-heading")).isEqualTo("Dry run: nothing was changed");
        long audited = reconciledAudits();
        shot("sync-reconcile-dry-run");

        browser.submit("#reconcile-apply");
        assertThat(browser.text("h1")).isEqualTo("Apply the reconciliation?");
        browser.submit("#confirm-button");
        assertThat(browser.find("#reconcile-result").getAttribute("data-dry-run"))
                .isEqualTo("false");
        assertThat(browser.text("#result-heading")).isEqualTo("Applied");
        assertThat(reconciledAudits()).as("applying is audited").isEqualTo(audited + 1);
        shot("sync-reconcile-applied");
    }

    @Test
    @Order(4)
    void thePagesReadInSpanish() {
        browser.open("/portal/sync");
        browser.submit("a[lang=es]");
        assertThat(browser.text("nav.tabs a[aria-current=page]")).isEqualTo("Programación");
        assertThat(browser.text("[data-company='" + companyId + "'] button.run-now"))
                .isEqualTo("Ejecutar ahora");
        assertThat(browser.text("#demo-banner")).startsWith("Demostración");
        shot("sync-home-es");
        browser.open("/portal/sync/payments");
        assertThat(browser.text("#reconcile-dry")).isEqualTo("Simular");
        browser.open("/portal/sync/logs");
        assertThat(browser.text("nav.tabs a[aria-current=page]")).isEqualTo("Bitácoras");
        shot("sync-logs-es");
        browser.submit("a[lang=en]");
        assertThat(browser.text("nav.tabs a[aria-current=page]")).isEqualTo("Logs");
    }

    @Test
    @Order(5)
    void aViewerOnlyLooksAndAnotherTenantFindsNothing() {
        JdbcClient db = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        TenantId tenant =
                new TenantId(
                        db.sql("select tenant_id from sync_companies where public_id = ?")
                                .param(companyId)
                                .query(Long.class)
                                .single());
        String tenantPublicId =
                db.sql("select public_id from tenants where id = ?")
                        .param(tenant.value())
                        .query(String.class)
                        .single();
        UserAdministration users = node.bean(UserAdministration.class);
        String ownerEmail = node.terminal().valueAfter("Admin e-mail:");
        String ownerId =
                db.sql("select public_id from users where email = ?")
                        .param(ownerEmail)
                        .query(String.class)
                        .single();
        UserRef owner =
                new UserRef(tenant, tenantPublicId, ownerId, ownerEmail, "Owner", Role.OWNER);
        String viewerEmail = "viewer-" + System.nanoTime() + "@example.com";
        var invited = (Invitation.Invited) users.invite(owner, viewerEmail, "Viewer", Role.VIEWER);
        PortalClient viewer = signIn(viewerEmail, invited.password().reveal());

        List<String> pages =
                List.of(
                        "/portal/sync",
                        "/portal/sync/runs/" + runId,
                        "/portal/sync/payments",
                        "/portal/sync/purchase-orders",
                        "/portal/sync/logs");
        for (String path : pages) {
            HttpResponse<String> r = viewer.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body())
                    .as(path)
                    .doesNotContain("action=\"/portal/sync/companies", "id=\"apply-form\"");
        }
        String csrf = viewer.csrfOf("/portal/sync");
        String company = "/portal/sync/companies/" + companyId;
        Map<String, Map<String, String>> refused =
                Map.of(
                        company + "/run",
                        Map.of(),
                        company + "/release",
                        Map.of("reason", "stuck", "confirm", "yes"),
                        "/portal/sync/payments/reconcile",
                        Map.of("company", companyId, "mode", "apply", "confirm", "yes"));
        refused.forEach(
                (path, form) -> {
                    Map<String, String> body = new HashMap<>(form);
                    body.put("_csrf", csrf);
                    assertThat(viewer.post(path, body).statusCode()).as(path).isEqualTo(403);
                });
        HttpResponse<String> dryRun =
                viewer.post(
                        "/portal/sync/payments/reconcile",
                        Map.of("_csrf", csrf, "company", companyId, "mode", "dry"));
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.body()).contains("data-dry-run=\"true\"");

        Tenancy.TestTenant other = Tenancy.newTenant(node);
        TenantId otherId =
                node.bean(Tenants.class)
                        .findByPublicId(new SystemScope("test"), other.id())
                        .orElseThrow()
                        .id();
        String intruderEmail = "owner-" + System.nanoTime() + "@example.com";
        var intruderInvite =
                (Invitation.Invited) users.createOwner(otherId, intruderEmail, "Owner");
        PortalClient intruder = signIn(intruderEmail, intruderInvite.password().reveal());
        assertThat(intruder.get("/portal/sync").body()).contains("No company is configured yet");
        for (String path :
                List.of(
                        "/portal/sync/runs/" + runId,
                        "/portal/sync/runs/" + runId + "/events",
                        "/portal/sync/payments?company=" + companyId,
                        "/portal/sync/purchase-orders?company=" + companyId,
                        "/portal/sync/runs/run_not-an-id")) {
            assertThat(intruder.get(path).statusCode()).as(path).isEqualTo(404);
        }
        String theirCsrf = intruder.csrfOf("/portal/sync");
        for (String path : List.of(company + "/run", company + "/release")) {
            assertThat(
                            intruder.post(
                                            path,
                                            Map.of(
                                                    "_csrf",
                                                    theirCsrf,
                                                    "reason",
                                                    "mine now",
                                                    "confirm",
                                                    "yes"))
                                    .statusCode())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(
                        intruder.post(
                                        "/portal/sync/payments/reconcile",
                                        Map.of("_csrf", theirCsrf, "company", companyId))
                                .statusCode())
                .isEqualTo(404);

        assertThat(viewer.get("/portal/sync/logs?component=../../etc/passwd").statusCode())
                .isEqualTo(400);
        assertThat(viewer.get("/portal/sync/payments?status=lost").statusCode()).isEqualTo(400);
        assertThat(
                        viewer.post(
                                        "/portal/sync/payments/reconcile",
                                        Map.of(
                                                "_csrf",
                                                csrf,
                                                "company",
                                                companyId,
                                                "from_date",
                                                "2020-01-01"))
                                .statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(6)
    void aStuckRunsLockIsReleasedWithAReasonAfterAConfirmation() {
        FakePortal portal = node.bean(DemoCompany.class).portal().orElseThrow();
        portal.delayAll(Duration.ofSeconds(2)); // a run that seems stuck
        try {
            browser.open("/portal/sync");
            browser.submit("[data-company='" + companyId + "'] button.run-now");
            String stuck = browser.currentPath().substring("/portal/sync/runs/".length());
            browser.open("/portal/sync");
            assertThat(browser.text("[data-company='" + companyId + "'] .company-status"))
                    .isEqualTo("Running");
            assertThat(browser.text("[data-company='" + companyId + "'] .current-run"))
                    .contains(stuck);
            browser.fill("#release-" + companyId, "portal hangs since 9:00")
                    .submit("[data-company='" + companyId + "'] button.release-lock");
            assertThat(browser.text("h1")).isEqualTo("Release the lock?");
            assertThat(browser.text("#confirm-what")).contains("portal hangs since 9:00");
            shot("sync-release-confirm");
            browser.submit("#confirm-button");
            assertThat(browser.text("#notice")).isEqualTo("The lock was released.");
            assertThat(browser.text("[data-company='" + companyId + "'] .company-status"))
                    .isEqualTo("Scheduled");
            JsonNode run = node.http().get("/v1/sync/runs/" + stuck, key).json();
            assertThat(run.get("status").asString()).isEqualTo("failed");
            assertThat(run.get("error").asString()).isEqualTo("ManualForceRelease");
            assertThat(run.get("summary").asString())
                    .isEqualTo("Lock released by an operator: portal hangs since 9:00");
            Http.Response audit =
                    node.http().get("/v1/audit-events?action=sync_lock.force_released", key);
            assertThat(audit.body()).contains("portal hangs since 9:00");
        } finally {
            portal.delayAll(Duration.ZERO);
        }
    }

    @Test
    @Order(7)
    void aRevokedLicenseShowsTheRedBannerAndRunNowIsRefused() {
        JdbcClient.create(TestDatabase.ownerOf(node.database()))
                .sql("update licensing_licenses set revoked_at = now() where revoked_at is null")
                .update();
        assertThat(node.bean(License.class).check().state()).isEqualTo(LicenseState.INVALID);
        browser.open("/portal/sync");
        assertThat(browser.text("#license-banner")).startsWith("License inactive");
        assertThat(browser.find("#license-banner").getAttribute("class")).contains("error");
        shot("sync-license-invalid");
        browser.submit("[data-company='" + companyId + "'] button.run-now");
        assertThat(browser.currentPath()).isEqualTo("/portal/sync");
        assertThat(browser.text("#notice")).contains("blocked by its license");
        browser.open("/portal/sync/payments");
        assertThat(browser.text("#license-banner")).startsWith("License inactive");
    }

    private static PortalClient signIn(String email, String oneTimePassword) {
        PortalClient c = new PortalClient("http://127.0.0.1:" + node.env().get("SERVER_PORT"));
        c.signInFirstTime(email, oneTimePassword, NEW_PASSWORD);
        return c;
    }

    private static long reconciledAudits() {
        Http.Response audit =
                node.http().get("/v1/audit-events?action=sync_payments.reconciled", key);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        return audit.json().get("data").valueStream().count();
    }
}
