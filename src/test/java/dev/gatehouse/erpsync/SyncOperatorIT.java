package dev.gatehouse.erpsync;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/**
 * The operator's repair tools over the API, on a licensed node: an operator's status change of a
 * purchase order at the portal, recorded in FESA and the audit trail; every refusal changes
 * nothing.
 */
class SyncOperatorIT {

    static FakeLicenseServer licenses;
    static TestNode node;
    static java.nio.file.Path logDir;

    @BeforeAll
    static void start() throws java.io.IOException {
        licenses = FakeLicenseServer.start();
        logDir = java.nio.file.Files.createTempDirectory("sync-operator-logs");
        java.util.Map<String, String> env = new java.util.HashMap<>(licenses.settings());
        env.put("LOG_PATH", logDir.toString());
        CapturedLogs.letTheNextNodeConfigureLogging();
        node = TestNode.start(env);
        awaitValidLicense();
    }

    @AfterAll
    static void stop() {
        node.close();
        licenses.close();
    }

    @Test
    void anOperatorClosesAPoAtThePortalAndFesaAndTheAuditTrailRecordIt() {
        try (SyncScenario s = SyncScenario.start(node).withPortalHistory()) {
            Http.Response r = setStatus(s, "PO0004", s.companyId, "{\"status\":\"CLOSED\"}");

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("portal_id").asString()).isEqualTo("650a1b2c3d4e5f6a7b8c9d04");
            assertThat(r.json().get("status").asString()).isEqualTo("CLOSED");
            assertThat(
                            s.portal
                                    .purchaseOrders()
                                    .get("650a1b2c3d4e5f6a7b8c9d04")
                                    .get("status")
                                    .asString())
                    .isEqualTo("CLOSED");
            assertThat(s.rows("FESA", "select status from fesaOCFocaltec where ocSage = 'PO0004'"))
                    .containsExactly("CLOSED");
            assertThat(
                            s.owner()
                                    .sql(
                                            "select details->>'po_number' || ' ' ||"
                                                    + " (details->>'status') from audit_events"
                                                    + " where action ="
                                                    + " 'sync_purchase_order.status_set' and"
                                                    + " target_id = ?")
                                    .param(s.companyId)
                                    .query(String.class)
                                    .list())
                    .containsExactly("PO0004 CLOSED");

            Http.Response reopened = setStatus(s, "PO0004", s.companyId, "{\"status\":\"OPEN\"}");

            assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
            assertThat(s.rows("FESA", "select status from fesaOCFocaltec where ocSage = 'PO0004'"))
                    .as("an open PO is POSTED for FESA, so the cycle keeps closing it")
                    .containsExactly("POSTED");
        }
    }

    @Test
    void refusalsChangeNothing() {
        try (SyncScenario s = SyncScenario.start(node).withPortalHistory();
                SyncScenario other = SyncScenario.start(node)) {
            var reader = Tenancy.newTenant(node);
            String readOnly = Tenancy.newKey(node, reader, List.of("sync:read"))[1];

            assertProblem(
                    setStatus(s, "PO0001", s.companyId, "{\"status\":\"CLOSED\"}"),
                    404,
                    "not_found");
            assertProblem(
                    setStatus(s, "PO0004", s.companyId, "{\"status\":\"DONE\"}"),
                    400,
                    "invalid_request");
            assertProblem(
                    setStatus(s, "PO0004", null, "{\"status\":\"CLOSED\"}"),
                    400,
                    "invalid_request");
            assertProblem(
                    setStatus(other, "PO0004", s.companyId, "{\"status\":\"CLOSED\"}"),
                    404,
                    "not_found");
            assertProblem(
                    node.http()
                            .send(
                                    "PUT",
                                    "/v1/sync/purchase-orders/PO0004/status?company_id="
                                            + s.companyId,
                                    readOnly,
                                    "{\"status\":\"CLOSED\"}",
                                    java.util.Map.of()),
                    403,
                    "forbidden");
            s.portal.failNext("/650a1b2c3d4e5f6a7b8c9d04/status", 500);
            assertProblem(
                    setStatus(s, "PO0004", s.companyId, "{\"status\":\"CLOSED\"}"),
                    502,
                    "portal_refused");

            assertThat(s.rows("FESA", "select status from fesaOCFocaltec where ocSage = 'PO0004'"))
                    .containsExactly("POSTED");
            assertThat(
                            s.portal
                                    .purchaseOrders()
                                    .get("650a1b2c3d4e5f6a7b8c9d04")
                                    .get("status")
                                    .asString())
                    .isEqualTo("OPEN");
        }
    }

    @Test
    void aTenantReadsTheLogLinesOfItsOwnCompaniesOnly() {
        try (SyncScenario mine = SyncScenario.startToday(node).withPortalHistory();
                SyncScenario theirs = SyncScenario.startToday(node).withPortalHistory()) {
            awaitRun(mine);
            awaitRun(theirs);

            JsonNode cycle =
                    node.http().get("/v1/sync/logs?component=Sync-Cycle", mine.adminKey).json();
            JsonNode orders =
                    node.http()
                            .get(
                                    "/v1/sync/logs?component=sync-payments&lines=2000&date="
                                            + java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                                    mine.adminKey)
                            .json();

            assertThat(cycle.get("component").asString()).isEqualTo("Sync-Cycle");
            assertThat(cycle.get("files_enabled").asBoolean()).isTrue();
            assertThat(cycle.get("data").valueStream().map(l -> l.get("message").asString()))
                    .anyMatch(m -> m.startsWith("[START] tenant=" + mine.companyId))
                    .anyMatch(m -> m.startsWith("[COMPLETE] tenant=" + mine.companyId));
            assertThat(
                            CapturedLogs.filesUnder(logDir).stream()
                                    .filter(l -> l.contains("Sync-Payments.log")))
                    .as("a step's lines carry their company as a field")
                    .anyMatch(l -> l.contains("\"company\":\"" + mine.companyId + "\""));
            for (JsonNode logs : List.of(cycle, orders)) {
                assertThat(logs.get("data").valueStream().map(l -> l.get("company_id").asString()))
                        .isNotEmpty()
                        .allMatch(mine.companyId::equals);
                assertThat(logs.toString()).doesNotContain(theirs.companyId);
            }
            assertThat(
                            CapturedLogs.filesUnder(logDir).stream()
                                    .filter(l -> l.contains(theirs.companyId)))
                    .as("the other tenant's lines are in the same files")
                    .isNotEmpty();
            var stranger = Tenancy.newTenant(node);
            assertThat(node.http().get("/v1/sync/logs", stranger.adminKey()).json().get("data"))
                    .isEmpty();
            assertProblem(
                    node.http().get("/v1/sync/logs?component=../../etc/passwd", mine.adminKey),
                    400,
                    "invalid_request");
            assertProblem(
                    node.http().get("/v1/sync/logs?component=License", mine.adminKey),
                    400,
                    "invalid_request");
            assertProblem(
                    node.http().get("/v1/sync/logs?date=2026-13-01", mine.adminKey),
                    400,
                    "invalid_request");
            assertProblem(
                    node.http().get("/v1/sync/logs?lines=0", mine.adminKey),
                    400,
                    "invalid_request");
            assertThat(node.http().get("/v1/sync/logs", null).status()).isEqualTo(401);
        }
    }

    private static void awaitRun(SyncScenario s) {
        Http.Response r =
                node.http().post("/v1/sync/companies/" + s.companyId + "/run", s.adminKey, "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String runId = r.json().get("run_id").asString();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            String status =
                    node.http()
                            .get("/v1/sync/runs/" + runId, s.adminKey)
                            .json()
                            .get("status")
                            .asString();
            if (!status.equals("running") && !status.equals("queued")) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Http.Response setStatus(SyncScenario s, String po, String company, String body) {
        return node.http()
                .send(
                        "PUT",
                        "/v1/sync/purchase-orders/"
                                + po
                                + "/status"
                                + (company == null ? "" : "?company_id=" + company),
                        s.adminKey,
                        body,
                        java.util.Map.of());
    }

    private static void awaitValidLicense() {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            if ("VALID"
                    .equals(
                            node.http()
                                    .get("/v1/sync/license", node.bootstrapAdminKey())
                                    .json()
                                    .get("state")
                                    .asString())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("the license did not become VALID");
    }
}
