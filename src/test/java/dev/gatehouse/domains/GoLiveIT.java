package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Go-live happens exactly once: two nodes on one database, each racing a manual verify and a worker
 * pass against the other, many times over, against a real BIND.
 */
class GoLiveIT {

    static final int ROUNDS = 50;
    static Bind bind;
    static TestNode first;
    static TestNode second;
    static JdbcClient owner;
    static Tenancy.TestTenant tenant;
    static String app;

    @BeforeAll
    static void start() {
        bind = Bind.shared();
        first =
                TestNode.start(
                        Map.of(
                                "DOMAINS_DNS_NAMESERVERS",
                                bind.nameserver(),
                                "DOMAINS_DNS_TIMEOUT_MS",
                                "1000"));
        second = first.peer();
        owner = JdbcClient.create(TestDatabase.ownerOf(first.database()));
        tenant = Tenancy.newTenant(first);
        app =
                DomainsFixture.createApplication(
                                first,
                                tenant.adminKey(),
                                Http.json(
                                        "name",
                                        "Race",
                                        "target",
                                        Map.of("cname", "edge.saas.example.net"),
                                        "origin",
                                        "https://origin.example.net",
                                        "webhook_url",
                                        "https://hooks.example.net/in"))
                        .get("id")
                        .asString();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    private static String verifyPath(String conn) {
        return "/v1/applications/" + app + "/connections/" + conn + "/verify";
    }

    private static long count(String sql, Object... params) {
        var spec = owner.sql(sql);
        for (Object p : params) {
            spec = spec.param(p);
        }
        return spec.query(Long.class).single();
    }

    @Test
    void racingVerifiesAndWorkersOnTwoNodesFireConnectionLiveAndMeterUsageExactlyOnce()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String host = "race" + round + "-" + System.nanoTime() + ".example.com";
                JsonNode c = DomainsFixture.createConnection(first, tenant.adminKey(), app, host);
                String conn = c.get("id").asString();
                bind.set(
                        "_gatehouse-challenge." + host,
                        "TXT",
                        c.get("records").get(0).get("value").asString());
                bind.set(host, "CNAME", "edge.saas.example.net.");
                owner.sql("update domain_connections set next_check_at = now() where public_id = ?")
                        .param(conn)
                        .update();

                CountDownLatch go = new CountDownLatch(1);
                List<Callable<Object>> racers =
                        List.of(
                                () ->
                                        first.http()
                                                .post(verifyPath(conn), tenant.adminKey(), "{}")
                                                .status(),
                                () ->
                                        second.http()
                                                .post(verifyPath(conn), tenant.adminKey(), "{}")
                                                .status(),
                                () -> first.bean(ConnectionWorker.class).runOnce(),
                                () -> second.bean(ConnectionWorker.class).runOnce());
                List<Future<Object>> done = new ArrayList<>();
                for (Callable<Object> r : racers) {
                    done.add(
                            pool.submit(
                                    () -> {
                                        go.await();
                                        return r.call();
                                    }));
                }
                go.countDown();
                for (Future<Object> f : done) {
                    f.get();
                }

                assertThat(
                                count(
                                        "select count(*) from domain_connections where public_id ="
                                                + " ? and status = 'live'",
                                        conn))
                        .as("round %d is live", round)
                        .isEqualTo(1);
                assertThat(
                                count(
                                        "select count(*) from webhook_deliveries where event_type ="
                                                + " 'connection.live' and payload like ?",
                                        "%" + conn + "%"))
                        .as("connection.live events, round %d", round)
                        .isEqualTo(1);
                assertThat(
                                count(
                                        "select count(*) from webhook_deliveries where event_type ="
                                                + " 'connection.verified' and payload like ?",
                                        "%" + conn + "%"))
                        .as("connection.verified events, round %d", round)
                        .isEqualTo(1);
                assertThat(
                                count(
                                        "select count(*) from domain_usage u join"
                                                + " domain_connections c on c.id = u.connection_id"
                                                + " where c.public_id = ?",
                                        conn))
                        .as("usage records, round %d", round)
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode usage = first.http().get("/v1/usage", tenant.adminKey()).json();
        assertThat(usage.get("connections_gone_live").asLong()).isGreaterThanOrEqualTo(ROUNDS);
    }

    @Test
    void aLiveHostnameWhoseRoutingChangesDegradesToVerifiedAndComesBack() {
        String host = "degrade-" + System.nanoTime() + ".example.net";
        JsonNode c = DomainsFixture.createConnection(first, tenant.adminKey(), app, host);
        String conn = c.get("id").asString();
        bind.set(
                "_gatehouse-challenge." + host,
                "TXT",
                c.get("records").get(0).get("value").asString());
        bind.set(host, "CNAME", "EDGE.saas.example.net.");
        assertThat(
                        first.http()
                                .post(verifyPath(conn), tenant.adminKey(), "{}")
                                .json()
                                .get("status")
                                .asString())
                .isEqualTo("live");

        bind.set(host, "CNAME", "somewhere-else.example.org.");
        JsonNode degraded = second.http().post(verifyPath(conn), tenant.adminKey(), "{}").json();
        assertThat(degraded.get("status").asString()).isEqualTo("verified");
        assertThat(degraded.get("failure_reason").asString()).isEqualTo("routing_mismatch");
        JsonNode cname = degraded.get("last_check").get(1);
        assertThat(cname.get("found").get(0).asString()).isEqualTo("somewhere-else.example.org");
        assertThat(cname.get("ok").asBoolean()).isFalse();
        assertThat(
                        count(
                                "select count(*) from webhook_deliveries where event_type ="
                                        + " 'connection.degraded' and payload like ?",
                                "%" + conn + "%"))
                .isEqualTo(1);

        bind.set(host, "CNAME", "edge.saas.example.net.");
        assertThat(
                        first.http()
                                .post(verifyPath(conn), tenant.adminKey(), "{}")
                                .json()
                                .get("status")
                                .asString())
                .isEqualTo("live");
        assertThat(
                        count(
                                "select count(*) from domain_usage u join domain_connections c on"
                                        + " c.id = u.connection_id where c.public_id = ?",
                                conn))
                .as("one usage record per month")
                .isEqualTo(1);
    }

    @Test
    void theWorkerFailsALateConnectionAndAManualVerifyRevivesIt() {
        String host = "late-" + System.nanoTime() + ".example.org";
        JsonNode c = DomainsFixture.createConnection(first, tenant.adminKey(), app, host);
        String conn = c.get("id").asString();
        owner.sql(
                        "update domain_connections set deadline_at = now() - interval '1 minute',"
                                + " next_check_at = now() where public_id = ?")
                .param(conn)
                .update();
        first.bean(ConnectionWorker.class).runOnce();
        JsonNode failed =
                first.http()
                        .get("/v1/applications/" + app + "/connections/" + conn, tenant.adminKey())
                        .json();
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure_reason").asString()).isEqualTo("deadline_passed");

        bind.set("_gatehouse-challenge." + host, "TXT", "gh-verify=somebody-elses-value");
        assertThat(
                        first.http()
                                .post(verifyPath(conn), tenant.adminKey(), "{}")
                                .json()
                                .get("status")
                                .asString())
                .isEqualTo("failed");
        bind.set(
                "_gatehouse-challenge." + host,
                "TXT",
                c.get("records").get(0).get("value").asString());
        JsonNode revived = first.http().post(verifyPath(conn), tenant.adminKey(), "{}").json();
        assertThat(revived.get("status").asString()).isEqualTo("verified");
        assertThat(
                        count(
                                "select count(*) from domain_connections where public_id = ? and"
                                        + " deadline_at > now()",
                                conn))
                .isEqualTo(1);
    }

    @Test
    void disablingOrDeletingTheApplicationDeniesItsLiveHostnamesOnEveryNodeAtOnce() {
        String ownApp = DomainsFixture.createApplication(first, tenant.adminKey());
        String host = "gate-" + System.nanoTime() + ".example.com";
        JsonNode c = DomainsFixture.createConnection(first, tenant.adminKey(), ownApp, host);
        bind.set(
                "_gatehouse-challenge." + host,
                "TXT",
                c.get("records").get(0).get("value").asString());
        bind.set(host, "CNAME", "edge.saas.example.net.");
        assertThat(
                        first.http()
                                .post(
                                        "/v1/applications/"
                                                + ownApp
                                                + "/connections/"
                                                + c.get("id").asString()
                                                + "/verify",
                                        tenant.adminKey(),
                                        "{}")
                                .json()
                                .get("status")
                                .asString())
                .isEqualTo("live");
        String ask = "/internal/ask?domain=" + host;
        assertThat(second.management().get(ask, null).status()).isEqualTo(200);

        first.http()
                .patch(
                        "/v1/applications/" + ownApp,
                        tenant.adminKey(),
                        Http.json("status", "disabled"));
        assertThat(second.management().get(ask, null).status()).isEqualTo(404);
        first.http()
                .patch(
                        "/v1/applications/" + ownApp,
                        tenant.adminKey(),
                        Http.json("status", "active"));
        assertThat(second.management().get(ask, null).status()).isEqualTo(200);
        assertThat(first.http().delete("/v1/applications/" + ownApp, tenant.adminKey()).status())
                .isEqualTo(204);
        assertThat(second.management().get(ask, null).body())
                .isEqualTo("{\"allow\":false,\"origin\":null}");
    }

    @Test
    void ownershipProofIsPerTenant() {
        String host = "shared-" + System.nanoTime() + ".example.com";
        JsonNode mine = DomainsFixture.createConnection(first, tenant.adminKey(), app, host);
        Tenancy.TestTenant other = Tenancy.newTenant(first);
        String otherApp = DomainsFixture.createApplication(first, other.adminKey());
        JsonNode theirs = DomainsFixture.createConnection(first, other.adminKey(), otherApp, host);
        assertThat(theirs.get("records").get(0).get("value").asString())
                .isNotEqualTo(mine.get("records").get(0).get("value").asString());

        bind.set(
                "_gatehouse-challenge." + host,
                "TXT",
                mine.get("records").get(0).get("value").asString());
        JsonNode theirCheck =
                first.http()
                        .post(
                                "/v1/applications/"
                                        + otherApp
                                        + "/connections/"
                                        + theirs.get("id").asString()
                                        + "/verify",
                                other.adminKey(),
                                "{}")
                        .json();
        assertThat(theirCheck.get("status").asString()).isEqualTo("pending");
        JsonNode mineCheck =
                first.http()
                        .post(verifyPath(mine.get("id").asString()), tenant.adminKey(), "{}")
                        .json();
        assertThat(mineCheck.get("status").asString()).isEqualTo("verified");
        assertThat(mineCheck.get("last_check").get(0).get("type").asString()).isEqualTo("TXT");
        assertThat(mineCheck.get("last_check").get(0).get("ok").asBoolean()).isTrue();
        assertThat(mineCheck.get("last_check").get(1).get("ok").asBoolean()).isFalse();
        // Now that it is claimed here, the other tenant cannot take it even with the right value.
        bind.set(
                "_gatehouse-challenge." + host,
                "TXT",
                theirs.get("records").get(0).get("value").asString());
        JsonNode blocked =
                first.http()
                        .post(
                                "/v1/applications/"
                                        + otherApp
                                        + "/connections/"
                                        + theirs.get("id").asString()
                                        + "/verify",
                                other.adminKey(),
                                "{}")
                        .json();
        assertThat(blocked.get("status").asString()).isEqualTo("pending");
        assertThat(blocked.get("failure_reason").asString()).isEqualTo("hostname_taken");
    }
}
