package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.ProblemAssertions;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Connecting a fleet of hostnames in one call: each hostname gets its own result, in order, the
 * quota is applied exactly (what fits is created, the rest refused), and refusals of one hostname
 * never stop the others. A hostname already open, or twice in the batch, is {@code existing}.
 */
class BulkConnectIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private final TestNode node = TestNode.shared();

    private Http.Response bulk(String key, String app, List<Map<String, String>> items) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("connections");
        items.forEach(i -> list.add(JSON.valueToTree(i)));
        return node.http()
                .post("/v1/applications/" + app + "/connections:bulk", key, body.toString());
    }

    private void limit(Tenancy.TestTenant tenant, int n) {
        Http.Response r =
                node.http()
                        .patch(
                                "/v1/tenants/" + tenant.id(),
                                node.operatorKey(),
                                Http.json("max_connections", n));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void eachHostnameGetsItsOwnResultAndTheQuotaIsExact() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        limit(tenant, 5);
        String app = DomainsFixture.createApplication(node, tenant.adminKey());
        String zone = "bulk.example.com";
        String already = DomainsFixture.uniqueHost(zone);
        DomainsFixture.createConnection(node, tenant.adminKey(), app, already);
        List<String> fresh =
                List.of(
                        DomainsFixture.uniqueHost(zone),
                        DomainsFixture.uniqueHost(zone),
                        DomainsFixture.uniqueHost(zone),
                        DomainsFixture.uniqueHost(zone),
                        DomainsFixture.uniqueHost(zone));

        Http.Response r =
                bulk(
                        tenant.adminKey(),
                        app,
                        List.of(
                                Map.of("hostname", already),
                                Map.of("hostname", fresh.get(0), "end_user_ref", "cust-0"),
                                Map.of("hostname", "*.example.com"),
                                Map.of("hostname", fresh.get(1)),
                                Map.of("hostname", fresh.get(0)),
                                Map.of("hostname", fresh.get(2)),
                                Map.of("hostname", fresh.get(3)),
                                Map.of("hostname", fresh.get(4))));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode out = r.json();
        List<String> results =
                out.get("data")
                        .valueStream()
                        .map(
                                d ->
                                        d.get("result").asString()
                                                + (d.get("refusal").isObject()
                                                        ? " "
                                                                + d.get("refusal")
                                                                        .get("code")
                                                                        .asString()
                                                        : ""))
                        .toList();
        assertThat(results)
                .containsExactly(
                        "existing",
                        "created",
                        "refused invalid_hostname",
                        "created",
                        "existing",
                        "created",
                        "created",
                        "refused quota_exceeded");
        assertThat(out.get("created").asInt()).isEqualTo(4);
        assertThat(out.get("existing").asInt()).isEqualTo(2);
        assertThat(out.get("refused").asInt()).isEqualTo(2);
        assertThat(out.get("data").get(1).get("connection").get("end_user_ref").asString())
                .isEqualTo("cust-0");
        assertThat(out.get("data").get(1).get("connection").get("records").isArray()).isTrue();
        assertThat(
                        node.http()
                                .get("/v1/applications/" + app + "/connections", tenant.adminKey())
                                .json()
                                .get("data"))
                .as("exactly the limit: the one there before and four new")
                .hasSize(5);
    }

    @Test
    void aBatchOutOfBoundsAnotherTenantsApplicationOrAReadOnlyKeyChangesNothing() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String app = DomainsFixture.createApplication(node, tenant.adminKey());
        String host = DomainsFixture.uniqueHost("bulk.example.com");

        ProblemAssertions.assertProblem(
                bulk(tenant.adminKey(), app, List.of()), 400, "invalid_request");
        List<Map<String, String>> tooMany =
                java.util.stream.IntStream.range(0, 1001)
                        .mapToObj(i -> Map.of("hostname", "h" + i + ".bulk.example.com"))
                        .toList();
        ProblemAssertions.assertProblem(
                bulk(tenant.adminKey(), app, tooMany), 400, "invalid_request");

        Tenancy.TestTenant other = Tenancy.newTenant(node);
        ProblemAssertions.assertProblem(
                bulk(other.adminKey(), app, List.of(Map.of("hostname", host))), 404, "not_found");
        String reader = Tenancy.newKey(node, tenant, List.of("connections:read"))[1];
        ProblemAssertions.assertProblem(
                bulk(reader, app, List.of(Map.of("hostname", host))), 403, "forbidden");

        assertThat(
                        node.http()
                                .get("/v1/applications/" + app + "/connections", tenant.adminKey())
                                .json()
                                .get("data"))
                .isEmpty();
    }
}
