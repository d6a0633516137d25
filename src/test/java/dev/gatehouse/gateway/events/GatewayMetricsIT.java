package dev.gatehouse.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/** The gateway's metrics reach {@code /metrics} on the management port and name nobody. */
class GatewayMetricsIT {

    @Test
    void relaysDenialsAndLatencyAreExposedWithoutNamingAnyone() {
        TestNode node = TestNode.shared();
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String endpoint =
                node.http()
                        .post(
                                "/v1/gateway/endpoints",
                                tenant.adminKey(),
                                Http.json("method", "GET", "path_template", "/metrics-probe"))
                        .json()
                        .get("id")
                        .asString();
        GatewayMetrics metrics = node.bean(GatewayMetrics.class);
        metrics.relayAllowed();
        metrics.relayDenied("policy_denied");
        metrics.relayDenied(tenant.id() + " " + endpoint); // never a label value
        metrics.upstream(200, false, Duration.ofMillis(7));
        metrics.upstream(null, true, Duration.ofSeconds(30));
        metrics.tokenExchange(false);

        Http.Response scrape = node.management().get("/metrics", null);

        assertThat(scrape.status()).isEqualTo(200);
        String body = scrape.body();
        assertThat(body)
                .contains("gatehouse_gateway_relays_total{")
                .contains("outcome=\"allowed\"")
                .contains("gatehouse_gateway_denials_total{")
                .contains("reason=\"policy_denied\"")
                .contains("reason=\"other\"")
                .contains("gatehouse_gateway_upstream_latency_seconds_bucket{")
                .contains("status_class=\"timeout\"")
                .contains("gatehouse_gateway_token_exchanges_total{")
                .doesNotContain(tenant.id())
                .doesNotContain(endpoint);
        assertThat(
                        body.lines()
                                .filter(l -> l.startsWith("gatehouse_gateway"))
                                .filter(
                                        l ->
                                                l.contains("tenant")
                                                        || l.contains("credential")
                                                        || l.contains("account")
                                                        || l.contains("cred_")
                                                        || l.contains("acct_")))
                .isEmpty();
    }
}
