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
        Runs.awaitValidLicense(node, node.bootstrapAdminKey());
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
            Runs.runToEnd(node, mine.adminKey, mine.companyId);
            Runs.runToEnd(node, theirs.adminKey, theirs.companyId);

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

    @Test
    void reconciliationClassifiesPaymentsChangesNothingInADryRunAndAppliesThroughTheLedger()
            throws Exception {
        try (SyncScenario s = SyncScenario.startToday(node)) {
            enteredTwoHoursAgo(s, "PY0004");
            s.portal.addCfdi(
                    pending(
                            "cfdi-f1001",
                            "A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D",
                            "64b7f0c2e4b0a1a2b3c4d5e6"));
            List<String> before = sageAndFesa(s);

            Http.Response dry = reconcile(s, "{\"company_id\":\"" + s.companyId + "\"}");

            assertThat(dry.status()).as(dry.body()).isEqualTo(200);
            JsonNode report = dry.json();
            assertThat(report.get("dry_run").asBoolean()).isTrue();
            assertThat(classes(report))
                    .containsExactly(
                            "PY0001 not_in_portal",
                            "PY0002 missing_provider_id",
                            "PY0003 missing_uuid",
                            "PY0004 ready",
                            "PY0005 not_in_portal");
            assertThat(report.get("already_sent").asInt()).as("PY0007 is in FESA").isEqualTo(1);
            assertThat(report.get("classes").get("ready").asInt()).isEqualTo(1);
            JsonNode py1 = report.get("data").get(0);
            assertThat(
                            py1.get("invoices")
                                    .valueStream()
                                    .map(
                                            i ->
                                                    i.get("invoice").asString()
                                                            + " "
                                                            + i.get("in_portal").asBoolean()))
                    .containsExactly("F-1001 true", "F-1002 false");
            assertThat(sageAndFesa(s)).as("a dry run changes nothing").isEqualTo(before);
            assertThat(s.portal.requests("POST", "/payments")).isEmpty();

            s.portal.addCfdi(
                    pending(
                            "cfdi-f1002",
                            "B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E",
                            "64b7f0c2e4b0a1a2b3c4d5ff"));
            assertThat(
                            classes(
                                    reconcile(
                                                    s,
                                                    "{\"company_id\":\""
                                                            + s.companyId
                                                            + "\",\"filter\":\"PY0005\"}")
                                            .json()))
                    .containsExactly("PY0005 provider_mismatch");

            s.portal.addProvider(
                    JSON.createObjectNode()
                            .put("id", "64b7f0c2e4b0a1a2b3c4d5f0")
                            .put("rfc", "TGA010203XY9"));
            Http.Response applied =
                    reconcile(s, "{\"company_id\":\"" + s.companyId + "\",\"dry_run\":false}");

            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            assertThat(
                            applied.json()
                                    .get("data")
                                    .valueStream()
                                    .map(
                                            i ->
                                                    i.get("doc_number").asString()
                                                            + " "
                                                            + i.get("outcome").asString()))
                    .containsExactly(
                            "PY0001 needs_a_person",
                            "PY0002 provider_id_written",
                            "PY0003 uuid_not_found",
                            "PY0004 sent",
                            "PY0005 needs_a_person");
            assertThat(s.portal.requests("POST", "/payments"))
                    .extracting(r -> r.json().get("external_id").asString())
                    .containsExactly("PY0004");
            assertThat(s.ledger("payment")).contains("PY0004 sent gatehouse 1");
            assertThat(
                            s.rows(
                                    "FESA",
                                    "select NoPagoSage from fesaPagosFocaltec order by NoPagoSage"))
                    .contains("PY0004");
            assertThat(
                            s.rows(
                                    "COPDAT",
                                    "select [VALUE] from APVENO where VENDORID = 'P002' and"
                                            + " OPTFIELD = 'PROVIDERID'"))
                    .containsExactly("64b7f0c2e4b0a1a2b3c4d5f0");

            Http.Response again =
                    reconcile(s, "{\"company_id\":\"" + s.companyId + "\",\"dry_run\":false}");
            assertThat(classes(again.json())).doesNotContain("PY0004 ready");
            assertThat(s.portal.requests("POST", "/payments")).as("never sent twice").hasSize(1);
            assertThat(
                            s.owner()
                                    .sql(
                                            "select count(*) from audit_events where action ="
                                                + " 'sync_payments.reconciled' and target_id = ?")
                                    .param(s.companyId)
                                    .query(Long.class)
                                    .single())
                    .isEqualTo(2);
        }
    }

    @Test
    void reconciliationRefusesBadInputAndApplyingNeedsTheAdminScope() {
        try (SyncScenario s = SyncScenario.start(node)) {
            var reader = Tenancy.newTenant(node);
            String readOnly = Tenancy.newKey(node, reader, List.of("sync:read"))[1];
            String body = "{\"company_id\":\"" + s.companyId + "\"";

            assertProblem(reconcile(s, "{}"), 400, "invalid_request");
            assertProblem(
                    reconcile(s, body + ",\"from_date\":\"2020-01-01\"}"), 400, "invalid_request");
            assertProblem(reconcile(s, body + ",\"filter\":\"'; drop\"}"), 400, "invalid_request");
            assertProblem(reconcile(s, body + ",\"surprise\":1}"), 400, "invalid_request");
            assertProblem(
                    node.http()
                            .post(
                                    "/v1/sync/payments:reconcile",
                                    readOnly,
                                    body + ",\"dry_run\":false}"),
                    403,
                    "forbidden");
            assertProblem(
                    node.http().post("/v1/sync/payments:reconcile", readOnly, body + "}"),
                    404,
                    "not_found");
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static tools.jackson.databind.node.ObjectNode pending(
            String id, String uuid, String providerId) {
        var cfdi =
                JSON.createObjectNode()
                        .put("id", id)
                        .put("uuid", uuid)
                        .put("cfdi_type", "INVOICE")
                        .put("stage", "PENDING_TO_PAY");
        cfdi.putObject("metadata").put("provider_id", providerId);
        return cfdi;
    }

    private static List<String> classes(JsonNode report) {
        return report.get("data")
                .valueStream()
                .map(i -> i.get("doc_number").asString() + " " + i.get("class").asString())
                .toList();
    }

    /** PY0004's entry time two hours ago in Mexico City, so it is old enough to send. */
    private static void enteredTwoHoursAgo(SyncScenario s, String docNumber) throws Exception {
        var at =
                java.time.LocalDateTime.now(java.time.ZoneId.of("America/Mexico_City"))
                        .minusHours(2);
        try (var c = s.sage.connect("COPDAT");
                var st =
                        c.prepareStatement(
                                "UPDATE APTCR SET AUDTDATE = ?, AUDTTIME = ?, DATEBUS = ?,"
                                        + " DATERMIT = ? WHERE DOCNBR = ?")) {
            int date = Integer.parseInt(at.toLocalDate().toString().replace("-", ""));
            st.setInt(1, date);
            st.setInt(2, at.getHour() * 1_000_000 + at.getMinute() * 10_000);
            st.setInt(3, date);
            st.setInt(4, date);
            st.setString(5, docNumber);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> sageAndFesa(SyncScenario s) {
        List<String> all = new java.util.ArrayList<>();
        all.addAll(
                s.rows("COPDAT", "select VENDORID, OPTFIELD, [VALUE] from APVENO order by 1, 2"));
        all.addAll(s.rows("COPDAT", "select CNTBTCH, CNTITEM, [VALUE] from APIBHO order by 1, 2"));
        all.addAll(s.rows("FESA", "select NoPagoSage, status from fesaPagosFocaltec order by 1"));
        all.addAll(s.ledger("payment"));
        return all;
    }

    private static Http.Response reconcile(SyncScenario s, String body) {
        return node.http().post("/v1/sync/payments:reconcile", s.adminKey, body);
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
}
