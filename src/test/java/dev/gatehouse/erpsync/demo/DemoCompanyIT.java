package dev.gatehouse.erpsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.Runs;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * SageConnect without Sage: a development installation with no company gets the demo company,
 * licensed by its own license server, and a run sends its purchase orders to the built-in fake
 * portal; after a restart the demo is the same company on a new portal port, and runs again.
 */
class DemoCompanyIT {

    @Test
    void theFirstStartCreatesALicensedDemoThatRunsAndARestartKeepsIt() throws Exception {
        TestNode node = TestNode.start(Map.of("SYNC_DEMO", "true"));
        String key = node.bootstrapAdminKey();
        JsonNode company = Runs.awaitDemo(node, key);
        String companyId = company.get("id").asString();
        String firstPortal = company.get("portal").get("url").asString();

        assertThat(company.get("name").asString()).startsWith("DEMO");
        assertThat(firstPortal).startsWith("http://127.0.0.1:");
        assertThat(company.get("sql").get("url_template").asString())
                .startsWith("jdbc:h2:file:")
                .contains("MODE=MSSQLServer");

        JsonNode run = Runs.runToEnd(node, key, companyId);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(summary(run, "downloadCFDI").get("written").asInt())
                .as("the invoice Sage has not is downloaded with its XML")
                .isEqualTo(1);
        assertThat(summary(run, "checkPayments").get("stamped").asInt())
                .as("the payment complement of PY0001 is stamped in Sage")
                .isEqualTo(1);
        assertThat(
                        node.http()
                                .get("/v1/sync/purchase-orders?company_id=" + companyId, key)
                                .json()
                                .get("data")
                                .valueStream()
                                .map(
                                        i ->
                                                i.get("po_number").asString()
                                                        + " "
                                                        + i.get("state").asString()))
                .as("the ledger fills")
                .contains("PO0001 sent");

        try (TestNode again = restart(node)) {
            JsonNode after = Runs.awaitDemo(again, key);
            assertThat(after.get("id").asString()).isEqualTo(companyId);
            assertThat(after.get("portal").get("url").asString())
                    .as("the portal URL follows the fake portal's new port")
                    .isNotEqualTo(firstPortal);
            assertThat(again.http().get("/v1/sync/companies", key).json().get("data")).hasSize(1);
            assertThat(Runs.runToEnd(again, key, companyId).get("status").asString())
                    .isEqualTo("succeeded");
        }
    }

    @Test
    void noDemoWhenItIsSwitchedOff() {
        try (TestNode node = TestNode.start(Map.of())) {
            String key = node.bootstrapAdminKey();
            assertThat(node.http().get("/v1/sync/companies", key).json().get("data")).isEmpty();
            assertThat(node.http().get("/v1/sync/license", key).json().get("state").asString())
                    .isNotEqualTo("VALID");
        }
    }

    private static JsonNode summary(JsonNode run, String step) {
        return run.get("steps")
                .valueStream()
                .filter(s -> s.get("name").asString().equals(step))
                .findFirst()
                .orElseThrow(() -> new AssertionError(step + " not in " + run))
                .get("summary");
    }

    /** The node stopped, then started again on the same database and data folder. */
    private static TestNode restart(TestNode node) {
        Map<String, String> env = new HashMap<>(node.env());
        node.close();
        env.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        env.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        return TestNode.startWith(env);
    }
}
