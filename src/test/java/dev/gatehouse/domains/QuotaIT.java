package dev.gatehouse.domains;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

/** The connection limit holds under concurrency on two nodes, and fails closed. */
class QuotaIT {

    static TestNode first;
    static TestNode second;
    static DataSource ownerSource;
    static JdbcClient owner;

    @BeforeAll
    static void start() {
        first = TestNode.start(Map.of());
        second = first.peer();
        ownerSource = TestDatabase.ownerOf(first.database());
        owner = JdbcClient.create(ownerSource);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    private static void limit(Tenancy.TestTenant tenant, int n) {
        Http.Response r =
                first.http()
                        .patch(
                                "/v1/tenants/" + tenant.id(),
                                first.operatorKey(),
                                Http.json("max_connections", n));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void tenTimesTheLimitInConcurrentCreatesOnTwoNodesLetsExactlyTheLimitThrough()
            throws Exception {
        int n = 5;
        Tenancy.TestTenant tenant = Tenancy.newTenant(first);
        limit(tenant, n);
        String app = DomainsFixture.createApplication(first, tenant.adminKey());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10 * n; i++) {
            TestNode node = i % 2 == 0 ? first : second;
            String host = "q" + i + "-" + System.nanoTime() + ".example.com";
            results.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return node.http()
                                        .post(
                                                "/v1/applications/" + app + "/connections",
                                                tenant.adminKey(),
                                                Http.json("hostname", host))
                                        .status();
                            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(n);
        assertThat(statuses).filteredOn(s -> s == 402).hasSize(9 * n);
        assertThat(
                        owner.sql(
                                        "select count(*) from domain_connections c join tenants t"
                                                + " on t.id = c.tenant_id where t.public_id = ?")
                                .param(tenant.id())
                                .query(Long.class)
                                .single())
                .isEqualTo(n);
    }

    @Test
    void removedAndFailedConnectionsFreeTheirPlace() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(first);
        limit(tenant, 1);
        String app = DomainsFixture.createApplication(first, tenant.adminKey());
        String conn =
                DomainsFixture.createConnection(
                                first,
                                tenant.adminKey(),
                                app,
                                DomainsFixture.uniqueHost("example.com"))
                        .get("id")
                        .asString();
        assertProblem(
                first.http()
                        .post(
                                "/v1/applications/" + app + "/connections",
                                tenant.adminKey(),
                                Http.json("hostname", DomainsFixture.uniqueHost("example.com"))),
                402,
                "quota_exceeded");
        owner.sql("update domain_connections set status = 'failed' where public_id = ?")
                .param(conn)
                .update();
        assertThat(
                        first.http()
                                .post(
                                        "/v1/applications/" + app + "/connections",
                                        tenant.adminKey(),
                                        Http.json(
                                                "hostname",
                                                DomainsFixture.uniqueHost("example.com")))
                                .status())
                .isEqualTo(201);
    }

    @Test
    void whenTheQuotaCannotBeEvaluatedNothingIsCreated() throws Exception {
        Tenancy.TestTenant tenant = Tenancy.newTenant(first);
        String app = DomainsFixture.createApplication(first, tenant.adminKey());
        long tenantId =
                owner.sql("select id from tenants where public_id = ?")
                        .param(tenant.id())
                        .query(Long.class)
                        .single();
        try (Connection blocker = ownerSource.getConnection();
                PreparedStatement lock =
                        blocker.prepareStatement("select pg_advisory_lock(?, ?)")) {
            lock.setInt(1, 0x646d_7100);
            lock.setInt(2, (int) tenantId);
            lock.execute();
            Http.Response r =
                    first.http()
                            .post(
                                    "/v1/applications/" + app + "/connections",
                                    tenant.adminKey(),
                                    Http.json(
                                            "hostname", DomainsFixture.uniqueHost("example.com")));
            assertProblem(r, 503, "quota_unavailable");
        }
        assertThat(
                        owner.sql("select count(*) from domain_connections where tenant_id = ?")
                                .param(tenantId)
                                .query(Long.class)
                                .single())
                .isZero();
    }
}
