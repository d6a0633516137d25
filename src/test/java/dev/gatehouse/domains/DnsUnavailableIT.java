package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.BindNode;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;
import dev.gatehouse.testing.WebhookReceiver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * DNS servers that do not answer are reported as such, never as a wrong or missing record: against
 * a silent nameserver (timeouts) and the project's BIND with its SERVFAIL zone, through the API,
 * the worker's lifecycle and the webhook payloads.
 */
class DnsUnavailableIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static TestNode silent;
    static JdbcClient owner;
    static WebhookReceiver receiver;
    static Tenancy.TestTenant tenant;
    static String app;

    @BeforeAll
    static void start() {
        silent =
                TestNode.start(
                        Map.of(
                                "DOMAINS_DNS_NAMESERVERS",
                                Bind.blackhole(),
                                "DOMAINS_DNS_TIMEOUT_MS",
                                "500"));
        owner = JdbcClient.create(TestDatabase.ownerOf(silent.database()));
        receiver = WebhookReceiver.start();
        tenant = Tenancy.newTenant(silent);
        app =
                DomainsFixture.createApplication(
                                silent,
                                tenant.adminKey(),
                                Http.json(
                                        "name",
                                        "Outage",
                                        "target",
                                        Map.of("cname", "edge.saas.example.net"),
                                        "origin",
                                        "https://origin.example.net",
                                        "webhook_url",
                                        receiver.url("/dns")))
                        .get("id")
                        .asString();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        silent.close();
    }

    @Test
    void aSilentNameserverIsDnsUnavailableNotOwnershipNotProven() {
        JsonNode c = connect();

        JsonNode after = verify(silent, tenant.adminKey(), app, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("pending");
        assertThat(after.get("failure_reason").asString()).isEqualTo("dns_unavailable");
        assertThat(after.get("last_check"))
                .allSatisfy(
                        k -> {
                            assertThat(k.get("outcome").asString()).isEqualTo("timeout");
                            assertThat(k.get("ok").asBoolean()).isFalse();
                        });
    }

    @Test
    void aServfailZoneIsDnsUnavailableWhileAWrongValueIsStillOwnershipNotProven() {
        TestNode node = BindNode.shared();
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        String shared = DomainsFixture.createApplication(node, t.adminKey());
        JsonNode broken =
                DomainsFixture.createConnection(
                        node, t.adminKey(), shared, DomainsFixture.uniqueHost(Bind.SERVFAIL_ZONE));
        String wrongHost = DomainsFixture.uniqueHost("example.com");
        JsonNode wrong = DomainsFixture.createConnection(node, t.adminKey(), shared, wrongHost);
        Bind.shared().set("_gatehouse-challenge." + wrongHost, "TXT", "gh-verify=not-this-one");

        JsonNode servfail = verify(node, t.adminKey(), shared, broken.get("id").asString());
        JsonNode mismatch = verify(node, t.adminKey(), shared, wrong.get("id").asString());

        assertThat(servfail.get("failure_reason").asString()).isEqualTo("dns_unavailable");
        assertThat(servfail.get("last_check").get(0).get("outcome").asString())
                .isEqualTo("servfail");
        assertThat(mismatch.get("failure_reason").asString()).isEqualTo("ownership_not_proven");
        assertThat(mismatch.get("last_check").get(0).get("outcome").asString())
                .isEqualTo("mismatch");
    }

    @Test
    void anOutageAtTheDeadlineKeepsTheConnectionPendingAndSchedulesARetry() {
        String conn = connect().get("id").asString();
        owner.sql(
                        "update domain_connections set deadline_at = now() - interval '1 minute',"
                                + " next_check_at = now(), last_checked_at = null where public_id"
                                + " = ?")
                .param(conn)
                .update();

        JsonNode after = workerChecks(conn);

        assertThat(after.get("status").asString()).isEqualTo("pending");
        assertThat(after.get("failure_reason").asString()).isEqualTo("dns_unavailable");
        Instant next = nextCheck(conn);
        assertThat(next).isAfter(Instant.now().plusSeconds(30));
        assertThat(eventTypes(conn)).containsExactly("connection.created");
    }

    @Test
    void anOutageOutlastingTheGraceFailsWithDnsUnavailableInTheWebhook() {
        String conn = connect().get("id").asString();
        owner.sql(
                        "update domain_connections set deadline_at = now() - interval '25 hours',"
                                + " next_check_at = now(), last_checked_at = null where public_id"
                                + " = ?")
                .param(conn)
                .update();

        JsonNode after = workerChecks(conn);

        assertThat(after.get("status").asString()).isEqualTo("failed");
        assertThat(after.get("failure_reason").asString()).isEqualTo("dns_unavailable");
        JsonNode event =
                WebhookReceiver.Waiting.until(
                        () -> delivered(conn, "connection.failed"),
                        e -> e != null,
                        WAIT,
                        () -> "no connection.failed webhook for " + conn);
        assertThat(event.get("data").get("failure_reason").asString()).isEqualTo("dns_unavailable");
        assertThat(event.get("data").get("status").asString()).isEqualTo("failed");
        assertThat(event.get("data").get("last_check").get(0).get("outcome").asString())
                .isEqualTo("timeout");
        assertThat(event.get("data").get("verification_deadline").isNull()).isTrue();
    }

    @Test
    void anOutageNeverDegradesALiveConnection() {
        String conn = connect().get("id").asString();
        owner.sql(
                        "update domain_connections set status = 'live', verified_at = now(),"
                                + " live_at = now(), next_check_at = now(), last_checked_at ="
                                + " null where public_id = ?")
                .param(conn)
                .update();

        JsonNode after = workerChecks(conn);

        assertThat(after.get("status").asString()).isEqualTo("live");
        assertThat(after.get("failure_reason").isNull()).isTrue();
        assertThat(after.get("last_check"))
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k.get("outcome").asString()).isEqualTo("timeout"));
        assertThat(eventTypes(conn)).doesNotContain("connection.degraded");
    }

    private static JsonNode connect() {
        return DomainsFixture.createConnection(
                silent, tenant.adminKey(), app, DomainsFixture.uniqueHost("example.com"));
    }

    private static JsonNode verify(TestNode node, String key, String application, String conn) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications/"
                                        + application
                                        + "/connections/"
                                        + conn
                                        + "/verify",
                                key,
                                "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Runs worker passes until one has checked {@code conn} (the scheduled pass may win it). */
    private static JsonNode workerChecks(String conn) {
        return WebhookReceiver.Waiting.until(
                () -> {
                    silent.bean(ConnectionWorker.class).runOnce();
                    return silent.http()
                            .get(
                                    "/v1/applications/" + app + "/connections/" + conn,
                                    tenant.adminKey())
                            .json();
                },
                c -> !c.get("last_checked_at").isNull(),
                WAIT,
                () -> "the worker did not check " + conn);
    }

    private static Instant nextCheck(String conn) {
        return owner.sql("select next_check_at from domain_connections where public_id = ?")
                .param(conn)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    private static List<String> eventTypes(String conn) {
        return owner.sql(
                        "select event_type from webhook_deliveries where payload::jsonb -> 'data'"
                                + " ->> 'id' = ? order by id")
                .param(conn)
                .query(String.class)
                .list();
    }

    private static JsonNode delivered(String conn, String type) {
        for (WebhookReceiver.Received r : receiver.received("/dns")) {
            JsonNode body = JsonMapper.builder().build().readTree(r.body());
            if (body.get("type").asString().equals(type)
                    && body.get("data").get("id").asString().equals(conn)) {
                return body;
            }
        }
        return null;
    }
}
