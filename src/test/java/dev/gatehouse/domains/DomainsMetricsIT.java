package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

/**
 * Connect Domain's metrics are aggregates: no tenant, application, connection or hostname in them.
 */
class DomainsMetricsIT {

    @Test
    void metricsCountWithoutNamingAnyone() {
        TestNode node = TestNode.shared();
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String app = DomainsFixture.createApplication(node, tenant.adminKey());
        String host = DomainsFixture.uniqueHost("example.com");
        String conn =
                DomainsFixture.createConnection(node, tenant.adminKey(), app, host)
                        .get("id")
                        .asString();
        node.http()
                .post(
                        "/v1/applications/" + app + "/connections/" + conn + "/verify",
                        tenant.adminKey(),
                        "{}");
        node.management().get("/internal/ask?domain=" + host, null);

        Http.Response metrics = node.management().get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("gatehouse_domains_connections{")
                .contains("gatehouse_domains_dns_checks_total{")
                .contains("gatehouse_domains_ask_total{")
                .contains("gatehouse_webhooks_deliveries_total")
                .doesNotContain(host)
                .doesNotContain(app)
                .doesNotContain(conn)
                .doesNotContain(tenant.id());
        assertThat(
                        metrics.body()
                                .lines()
                                .filter(
                                        l ->
                                                l.startsWith("gatehouse_domains")
                                                        || l.startsWith("gatehouse_webhooks"))
                                .map(
                                        l ->
                                                l.replace(
                                                        "application=\"gatehouse\"",
                                                        "")) // the installation-wide common tag
                                .filter(
                                        l ->
                                                l.contains("tenant")
                                                        || l.contains("application=")
                                                        || l.contains("hostname")))
                .isEmpty();
    }
}
