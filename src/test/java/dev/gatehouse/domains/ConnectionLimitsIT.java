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

import tools.jackson.databind.JsonNode;

import java.util.Map;

import javax.sql.DataSource;

/**
 * Connect Domain's per-tenant connection limit lives in its own table ({@code
 * domain_tenant_limits}, owned by {@link ConnectionLimits}) and is still shown and changed through
 * the operator's {@code /v1/tenants/{id}}, audited as before.
 */
class ConnectionLimitsIT {

    static TestNode node;
    static JdbcClient owner;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("DOMAINS_DEFAULT_MAX_CONNECTIONS", "7"));
        owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aNewTenantIsStoredWithTheConfiguredDefaultLimit() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);

        JsonNode shown = node.http().get("/v1/tenants/" + tenant.id(), node.operatorKey()).json();

        assertThat(shown.get("limits").get("max_connections").asInt()).isEqualTo(7);
        assertThat(stored(tenant)).isEqualTo(7);
        assertThat(
                        owner.sql(
                                        "select count(*) from information_schema.columns where"
                                                + " table_name = 'tenants' and column_name ="
                                                + " 'max_connections'")
                                .query(Long.class)
                                .single())
                .as("the kernel's table keeps no product column")
                .isZero();
    }

    @Test
    void theOperatorChangesTheLimitInTheProductsTableAndTheChangeIsAuditedFromTo() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);

        Http.Response r =
                node.http()
                        .patch(
                                "/v1/tenants/" + tenant.id(),
                                node.operatorKey(),
                                Http.json("max_connections", 2, "plan", "team"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("limits").get("max_connections").asInt()).isEqualTo(2);
        assertThat(r.json().get("plan").asString()).isEqualTo("team");
        assertThat(stored(tenant)).isEqualTo(2);
        String audited =
                owner.sql(
                                "select concat_ws(' ', details->'max_connections'->>'from',"
                                        + " details->'max_connections'->>'to',"
                                        + " details->'plan'->>'from', details->'plan'->>'to')"
                                        + " from audit_events where action = 'tenant.updated' and"
                                        + " target_id = ? order by id desc limit 1")
                        .param(tenant.id())
                        .query(String.class)
                        .single();
        assertThat(audited).isEqualTo("7 2 free team");
    }

    @Test
    void theLimitIsEnforcedFromTheProductsTable() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        owner.sql(
                        "update domain_tenant_limits set max_connections = 0 where tenant_id ="
                                + " (select id from tenants where public_id = ?)")
                .param(tenant.id())
                .update();
        String app = DomainsFixture.createApplication(node, tenant.adminKey());

        assertProblem(
                node.http()
                        .post(
                                "/v1/applications/" + app + "/connections",
                                tenant.adminKey(),
                                Http.json("hostname", DomainsFixture.uniqueHost("example.com"))),
                402,
                "quota_exceeded");
    }

    @Test
    void aLimitOfTheWrongTypeOrAnUnknownFieldIs400AndChangesNothing() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String path = "/v1/tenants/" + tenant.id();

        assertProblem(
                node.http().patch(path, node.operatorKey(), Http.json("max_connections", "ten")),
                400,
                "invalid_request");
        assertProblem(
                node.http().patch(path, node.operatorKey(), Http.json("max_connections", 1.5)),
                400,
                "invalid_request");
        assertProblem(
                node.http()
                        .patch(path, node.operatorKey(), Http.json("max_connections", 1_000_001)),
                400,
                "invalid_request");
        assertProblem(
                node.http().patch(path, node.operatorKey(), Http.json("max_gateways", 3)),
                400,
                "invalid_request");
        assertProblem(
                node.http()
                        .patch(
                                path,
                                node.operatorKey(),
                                "{\"max_connections\": 9, \"max_gateways\": null}"),
                400,
                "invalid_request");
        assertThat(stored(tenant)).isEqualTo(7);
    }

    @Test
    void migrationElevenMovesEveryTenantsLimitAndDropsTheKernelColumn() {
        String db = TestDatabase.createDatabase();
        DataSource ds = TestDatabase.ownerOf(db);
        JdbcClient jdbc = JdbcClient.create(ds);
        String role = "app_" + db;
        jdbc.sql("create role " + role + " nologin").update();
        migrate(ds, role, "10");
        jdbc.sql(
                        "insert into tenants (public_id, name, slug, plan, max_connections,"
                                + " created_at, updated_at) values ('ten_a', 'A', 'a', 'free', 3,"
                                + " now(), now()), ('ten_b', 'B', 'b', 'team', 250, now(), now())")
                .update();
        jdbc.sql(
                        "insert into tenants (public_id, name, slug, plan, created_at, updated_at)"
                                + " values ('ten_c', 'C', 'c', 'free', now(), now())")
                .update();

        migrate(ds, role, "11");

        assertThat(
                        jdbc.sql(
                                        "select t.public_id || '=' || l.max_connections from"
                                                + " domain_tenant_limits l join tenants t on t.id ="
                                                + " l.tenant_id order by t.public_id")
                                .query(String.class)
                                .list())
                .containsExactly("ten_a=3", "ten_b=250", "ten_c=100");
        assertThat(
                        jdbc.sql(
                                        "select count(*) from information_schema.columns where"
                                                + " table_name = 'tenants' and column_name ="
                                                + " 'max_connections'")
                                .query(Long.class)
                                .single())
                .isZero();
        assertThat(
                        jdbc.sql(
                                        "select relrowsecurity from pg_class where relname ="
                                                + " 'domain_tenant_limits'")
                                .query(Boolean.class)
                                .single())
                .isTrue();
    }

    private static void migrate(DataSource ds, String role, String target) {
        org.flywaydb.core.Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", role))
                .target(target)
                .load()
                .migrate();
    }

    private static int stored(Tenancy.TestTenant tenant) {
        return owner.sql(
                        "select max_connections from domain_tenant_limits where tenant_id ="
                                + " (select id from tenants where public_id = ?)")
                .param(tenant.id())
                .query(Integer.class)
                .single();
    }
}
