package dev.gatehouse.erpsync.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.FakeLicenseServer;
import dev.gatehouse.erpsync.Runs;
import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SYNC_DRY_RUN=true}: a full cycle reads and computes everything, yet changes no row of the
 * Sage databases, sends nothing to the portal, records no send in the ledger (it still learns
 * FESA's history), writes no file and starts no importer; every would-be write is a {@code
 * [DRY-RUN]} log line with its payload.
 */
class SyncDryRunIT {

    private static final List<String> DATABASES =
            List.of("COPDAT", "FESA", "Autorizaciones_electronicas");

    static FakeLicenseServer licenses;
    static TestNode node;
    static Path importer;

    @BeforeAll
    static void start() throws Exception {
        licenses = FakeLicenseServer.start();
        Path dir = Files.createTempDirectory("sync-dry-run");
        Path marker = dir.resolve("importer-ran");
        importer = dir.resolve("importa.sh");
        Files.writeString(importer, "#!/bin/bash\ntouch " + marker + "\n");
        Files.setPosixFilePermissions(
                importer, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new HashMap<>(licenses.settings());
        env.put("SYNC_DRY_RUN", "true");
        env.put("SYNC_IMPORTER_PROGRAMS", importer.toString());
        env.put("SYNC_DOWNLOADS_ROOT", dir.resolve("downloads").toString());
        node = TestNode.start(env);
        Runs.awaitValidLicense(node, node.bootstrapAdminKey());
    }

    @AfterAll
    static void stop() {
        node.close();
        licenses.close();
    }

    @Test
    void aFullCycleChangesNoRowSendsNothingAndLogsWhatItWouldHaveDone() throws Exception {
        try (SyncScenario s = SyncScenario.startToday(node).withPortalHistory();
                CapturedLogs logs = CapturedLogs.start()) {
            s.portal.addProvider(
                    tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .createObjectNode()
                            .put("id", "64b7f0c2e4b0a1a2b3c4d5f0")
                            .put("rfc", "TGA010203XY9"));
            Http.Response patched =
                    node.http()
                            .patch(
                                    "/v1/sync/companies/" + s.companyId,
                                    s.adminKey,
                                    "{\"importer\":{\"program\":\""
                                            + importer
                                            + "\",\"argument\":\"COPDAT\"}}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            int writesBefore = writes(s);
            Map<String, List<String>> before = dump(s);

            JsonNode run = Runs.runToEnd(node, s.adminKey, s.companyId);

            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.get("steps")).hasSize(7);
            assertThat(dump(s)).as("no row of Sage, FESA or approvals changed").isEqualTo(before);
            assertThat(writes(s)).as("nothing sent to the portal").isEqualTo(writesBefore);
            assertThat(s.ledger("purchase_order"))
                    .as("only FESA's history is learned; no send is recorded")
                    .isNotEmpty()
                    .allMatch(l -> l.contains(" sent fesa 0"));
            assertThat(s.ledger("payment")).allMatch(l -> l.contains(" sent fesa 0"));
            try (var files = Files.walk(importer.getParent().resolve("downloads"))) {
                assertThat(files.filter(Files::isRegularFile)).as("no file written").isEmpty();
            } catch (java.nio.file.NoSuchFileException e) {
                // no folder at all: no file either
            }
            assertThat(importer.getParent().resolve("importer-ran")).doesNotExist();
            List<String> lines = logs.events();
            assertThat(lines)
                    .as("the would-be PO is logged with its payload")
                    .anyMatch(
                            l ->
                                    l.contains("[DRY-RUN] step=createPurchaseOrders")
                                            && l.contains("POST")
                                            && l.contains("PO0001"));
            assertThat(lines)
                    .as("the would-be Sage write is logged")
                    .anyMatch(l -> l.contains("[DRY-RUN] COMPANY not written: UPDATE APVENO"));
            assertThat(lines).anyMatch(l -> l.contains("the importer is not started"));
        }
    }

    private static int writes(SyncScenario s) {
        return s.portal.requests("POST", "").size() + s.portal.requests("PUT", "").size();
    }

    /** Every row of every table of the three databases, as text, table by table. */
    private static Map<String, List<String>> dump(SyncScenario s) throws Exception {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (String db : DATABASES) {
            try (Connection c = s.sage.connect(db)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet t =
                        c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                    while (t.next()) {
                        if (t.getString("TABLE_SCHEM").equals("INFORMATION_SCHEMA")) {
                            continue;
                        }
                        tables.add(t.getString("TABLE_SCHEM") + "." + t.getString("TABLE_NAME"));
                    }
                }
                assertThat(tables).as("tables of " + db).isNotEmpty();
                for (String table : tables) {
                    out.put(db + "." + table, s.rows(db, "select * from " + table + " order by 1"));
                }
            }
        }
        return out;
    }
}
