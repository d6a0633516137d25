package dev.gatehouse.erpsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/** Runs and the license through the API, as an operator's script would use them. */
public final class Runs {

    private Runs() {}

    /** Asks for a run of {@code companyId} and returns its id; the answer must be 202. */
    public static String start(TestNode node, String key, String companyId) {
        Http.Response r = node.http().post("/v1/sync/companies/" + companyId + "/run", key, "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("run_id").asString();
    }

    /** The run once it is no longer queued or running; fails after a minute. */
    public static JsonNode awaitEnd(TestNode node, String key, String runId) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < until) {
            run = node.http().get("/v1/sync/runs/" + runId, key).json();
            String status = run.get("status").asString();
            if (!status.equals("running") && !status.equals("queued")) {
                return run;
            }
            sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end: " + run);
    }

    /** A run of {@code companyId}, started and awaited. */
    public static JsonNode runToEnd(TestNode node, String key, String companyId) {
        return awaitEnd(node, key, start(node, key, companyId));
    }

    /** Waits until the node's license is VALID; fails after 20 s. */
    public static void awaitValidLicense(TestNode node, String key) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            if ("VALID"
                    .equals(
                            node.http()
                                    .get("/v1/sync/license", key)
                                    .json()
                                    .get("state")
                                    .asString())) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the license did not become VALID");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the node has its demo company and a VALID license; fails after 30 s. */
    public static JsonNode awaitDemo(TestNode node, String key) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            List<JsonNode> data =
                    node.http()
                            .get("/v1/sync/companies", key)
                            .json()
                            .get("data")
                            .valueStream()
                            .toList();
            String state = node.http().get("/v1/sync/license", key).json().get("state").asString();
            if (!data.isEmpty() && state.equals("VALID")) {
                return data.getFirst();
            }
            sleep(200);
        }
        throw new AssertionError("no licensed demo company");
    }
}
