package dev.gatehouse.domains;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.dns.CredentialBodies;
import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.BindNode;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.QuotaLock;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * When the connection limit cannot be evaluated (its advisory lock is held elsewhere past the lock
 * timeout), every route that needs it answers 503 {@code quota_unavailable} and changes nothing:
 * the API's verify, the widget's check and connect, and applying records through a DNS credential.
 * (The API's create is in {@link QuotaIT}; the portal's pages in {@code DomainPagesIT}.) Reviving a
 * failed connection is what needs quota on a verify, so each verify test starts from a failed
 * connection whose ownership record is in place.
 */
class QuotaUnavailableIT {

    static Bind bind;
    static TestNode node;
    static DataSource ownerSource;
    static JdbcClient owner;

    @BeforeAll
    static void start() {
        bind = Bind.shared();
        node = BindNode.shared();
        ownerSource = TestDatabase.ownerOf(node.database());
        owner = JdbcClient.create(ownerSource);
    }

    @Test
    void apiVerifyOfAFailedConnectionAnswers503AndChangesNothing() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String app = application(tenant, List.of());
        String conn = failedConnectionWithOwnershipInPlace(tenant, app);
        String before = row(conn);
        String path = "/v1/applications/" + app + "/connections/" + conn + "/verify";

        Http.Response r;
        try (QuotaLock held = QuotaLock.hold(ownerSource, internalId(tenant))) {
            r = node.http().post(path, tenant.adminKey(), "{}");
        }

        assertProblem(r, 503, "quota_unavailable");
        assertThat(row(conn)).isEqualTo(before).startsWith("failed|");
        assertThat(deliveries(tenant)).isOne();
        Http.Response retried = node.http().post(path, tenant.adminKey(), "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("status").asString()).isEqualTo("verified");
    }

    @Test
    void widgetCheckOfAFailedConnectionAnswers503AndChangesNothing() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String origin = "https://shop-" + System.nanoTime() + ".tenant.example";
        String app = application(tenant, List.of(origin));
        String conn = failedConnectionWithOwnershipInPlace(tenant, app);
        String token = widgetToken(tenant, app);
        String before = row(conn);

        Http.Response r;
        try (QuotaLock held = QuotaLock.hold(ownerSource, internalId(tenant))) {
            r = widget("/widget/v1/connections/" + conn + "/verify", token, "{}", origin);
        }

        assertProblem(r, 503, "quota_unavailable");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(row(conn)).isEqualTo(before).startsWith("failed|");
        assertThat(deliveries(tenant)).isOne();
        Http.Response retried =
                widget("/widget/v1/connections/" + conn + "/verify", token, "{}", origin);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("status").asString()).isEqualTo("verified");
    }

    @Test
    void widgetConnectAnswers503AndCreatesNothing() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String origin = "https://shop-" + System.nanoTime() + ".tenant.example";
        String app = application(tenant, List.of(origin));
        String token = widgetToken(tenant, app);
        String host = DomainsFixture.uniqueHost("example.com");

        Http.Response r;
        try (QuotaLock held = QuotaLock.hold(ownerSource, internalId(tenant))) {
            r = widget("/widget/v1/connections", token, Http.json("hostname", host), origin);
        }

        assertProblem(r, 503, "quota_unavailable");
        assertThat(
                        owner.sql("select count(*) from domain_connections where hostname = ?")
                                .param(host)
                                .query(Long.class)
                                .single())
                .isZero();
        assertThat(deliveries(tenant)).isZero();
    }

    @Test
    void applyingRecordsToAFailedConnectionAnswers503AndLeavesTheConnectionAsItWas() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String app = application(tenant, List.of());
        String conn = failedConnectionWithOwnershipInPlace(tenant, app);
        String credential = rfc2136Credential(tenant);
        String before = row(conn);
        String path = "/v1/applications/" + app + "/connections/" + conn + "/apply";
        String body = Http.json("dns_credential_id", credential);

        Http.Response r;
        try (QuotaLock held = QuotaLock.hold(ownerSource, internalId(tenant))) {
            r = node.http().post(path, tenant.adminKey(), body);
        }

        assertProblem(r, 503, "quota_unavailable");
        assertThat(row(conn)).isEqualTo(before).startsWith("failed|");
        assertThat(deliveries(tenant)).isOne();
        Http.Response retried = node.http().post(path, tenant.adminKey(), body);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("status").asString()).isIn("verified", "live");
    }

    // ---- fixtures

    /** An application that sends webhooks, so every change of a connection enqueues one. */
    private static String application(Tenancy.TestTenant tenant, List<String> allowedOrigins) {
        return DomainsFixture.createApplication(
                        node,
                        tenant.adminKey(),
                        Http.json(
                                "name",
                                "Quota " + System.nanoTime(),
                                "target",
                                Map.of("cname", "edge.saas.example.net"),
                                "origin",
                                "https://origin.saas.example.net",
                                "allowed_origins",
                                allowedOrigins,
                                "webhook_url",
                                "https://hooks.example.net/in"))
                .get("id")
                .asString();
    }

    /**
     * A connection the worker failed (deadline passed) whose TXT record now holds its challenge, so
     * a manual verify would revive it, which takes quota.
     */
    private static String failedConnectionWithOwnershipInPlace(
            Tenancy.TestTenant tenant, String app) {
        String host = DomainsFixture.uniqueHost("example.com");
        JsonNode c = DomainsFixture.createConnection(node, tenant.adminKey(), app, host);
        String conn = c.get("id").asString();
        owner.sql(
                        "update domain_connections set status = 'failed', failure_reason ="
                                + " 'deadline_passed', deadline_at = now() - interval '1 minute'"
                                + " where public_id = ?")
                .param(conn)
                .update();
        bind.set(
                "_gatehouse-challenge." + host,
                "TXT",
                c.get("records").get(0).get("value").asString());
        return conn;
    }

    private static String widgetToken(Tenancy.TestTenant tenant, String app) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications/" + app + "/widget-tokens",
                                tenant.adminKey(),
                                "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asString();
    }

    private static Http.Response widget(String path, String token, String json, String origin) {
        return node.http().send("POST", path, token, json, Map.of("Origin", origin));
    }

    private static String rfc2136Credential(Tenancy.TestTenant tenant) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/dns-credentials",
                                tenant.adminKey(),
                                Http.json(
                                        CredentialBodies.flatten(
                                                CredentialBodies.rfc2136(bind, "BIND"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private static long internalId(Tenancy.TestTenant tenant) {
        return owner.sql("select id from tenants where public_id = ?")
                .param(tenant.id())
                .query(Long.class)
                .single();
    }

    /** Everything a verify could change on the connection's row, as text. */
    private static String row(String conn) {
        return owner.sql(
                        "select concat_ws('|', status, failure_reason, deadline_at,"
                                + " last_checked_at, last_check::text, verified_at, updated_at)"
                                + " from domain_connections where public_id = ?")
                .param(conn)
                .query(String.class)
                .single();
    }

    private static long deliveries(Tenancy.TestTenant tenant) {
        return owner.sql(
                        "select count(*) from webhook_deliveries d join tenants t on t.id ="
                                + " d.tenant_id where t.public_id = ?")
                .param(tenant.id())
                .query(Long.class)
                .single();
    }
}
