package dev.gatehouse.gateway.events;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/gateway/relay-stats}: relays through the real relay are counted per tenant and
 * hour, allowed and denied by reason, once the node's counts are flushed (the test flushes rather
 * than wait for the schedule); the windows have every hour, zeros included; another tenant sees
 * none of them; a bad window is a 400.
 */
class RelayStatsIT {

    static TestNode node;
    static FakeUpstream erp;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        erp = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        erp.close();
    }

    @Test
    void relaysAreCountedPerHourAndReasonForTheirTenantOnly() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        Tenancy.TestTenant other = Tenancy.newTenant(node);
        String key = tenant.adminKey();
        Map<String, String> headers = AccessFixture.customersGranted(node, key, erp.url("/erp"));
        for (String path : List.of("/customers/1", "/customers/2", "/customers/3")) {
            assertThat(relay(path, headers).status()).isEqualTo(200);
        }
        assertThat(relay("/orders", headers).status()).isEqualTo(403);
        assertThat(relay("/invoices", headers).status()).isEqualTo(404);
        assertThat(relay("/invoices", headers).status()).isEqualTo(404);
        Instant hour = node.bean(Clock.class).instant().truncatedTo(ChronoUnit.HOURS);

        node.bean(RelayHours.class).flush();
        JsonNode day = stats(key, "24h");

        assertThat(day.get("window").asString()).isEqualTo("24h");
        assertThat(day.get("hours")).hasSize(24);
        assertThat(day.get("allowed").asLong()).isEqualTo(3);
        assertThat(day.get("denied").asLong()).isEqualTo(3);
        assertThat(day.get("denied_by_reason").toString())
                .isEqualTo("{\"policy_denied\":1,\"unknown_endpoint\":2}");
        JsonNode last = day.get("hours").get(23);
        assertThat(Instant.parse(last.get("hour").asString())).isEqualTo(hour);
        assertThat(last.get("allowed").asLong()).isEqualTo(3);
        assertThat(last.get("denied_by_reason").get("unknown_endpoint").asLong()).isEqualTo(2);
        assertThat(day.get("hours").get(0).get("allowed").asLong()).isZero();

        JsonNode week = stats(key, "7d");
        assertThat(week.get("hours")).hasSize(168);
        assertThat(week.get("allowed").asLong()).isEqualTo(3);

        JsonNode theirs = stats(other.adminKey(), "7d");
        assertThat(theirs.get("allowed").asLong()).isZero();
        assertThat(theirs.get("denied").asLong()).isZero();
    }

    @Test
    void anUnknownWindowIs400AndAKeyWithoutGatewayReadIs403() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        assertProblem(
                node.http().get("/v1/gateway/relay-stats?window=30d", tenant.adminKey()),
                400,
                "invalid_request");
        String appsOnly = Tenancy.newKey(node, tenant, List.of("apps:read"))[1];
        assertThat(node.http().get("/v1/gateway/relay-stats", appsOnly).status()).isEqualTo(403);
    }

    static Http.Response relay(String path, Map<String, String> headers) {
        return node.http().send("GET", "/gateway/v1/erp" + path, null, null, headers);
    }

    static JsonNode stats(String key, String window) {
        Http.Response r = node.http().get("/v1/gateway/relay-stats?window=" + window, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
