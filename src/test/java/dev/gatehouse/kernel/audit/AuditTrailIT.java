package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.List;

/** The audit trail as a tenant sees it through the API, fed by real kernel actions. */
class AuditTrailIT {

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant tenant;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        tenant = Tenancy.newTenant(node);
    }

    private static JsonNode events(String key, String query) {
        Http.Response r = http.get("/v1/audit-events?" + query, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    @Test
    void keyCreationAndRevocationAreAuditedWithActorTargetAndRef() {
        Http.Response created =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("name", "audited", "scopes", List.of("apps:read")));
        String keyId = created.json().get("id").asString();
        Http.Response revoked = http.delete("/v1/api-keys/" + keyId, tenant.adminKey());

        JsonNode createdEvent =
                events(tenant.adminKey(), "action=api_key.created&target=" + keyId).get(0);
        assertThat(createdEvent.get("decision").asString()).isEqualTo("allow");
        assertThat(createdEvent.get("actor").get("type").asString()).isEqualTo("api_key");
        assertThat(createdEvent.get("ref").asString()).isEqualTo(created.header("X-Request-Id"));
        assertThat(createdEvent.toString()).doesNotContain(created.json().get("key").asString());

        JsonNode revokedEvent =
                events(tenant.adminKey(), "action=api_key.revoked&target=" + keyId).get(0);
        assertThat(revokedEvent.get("ref").asString()).isEqualTo(revoked.header("X-Request-Id"));
    }

    @Test
    void revokingARevokedKeyRecordsNothingMore() {
        String[] k = Tenancy.newKey(node, tenant, List.of("apps:read"));
        assertThat(http.delete("/v1/api-keys/" + k[0], tenant.adminKey()).status()).isEqualTo(204);
        assertThat(http.delete("/v1/api-keys/" + k[0], tenant.adminKey()).status()).isEqualTo(204);
        assertThat(events(tenant.adminKey(), "action=api_key.revoked&target=" + k[0]).size())
                .isEqualTo(1);
    }

    @Test
    void tenantStatusChangesAreAuditedOnThePlatformChain() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        http.patch("/v1/tenants/" + t.id(), node.operatorKey(), Http.json("status", "suspended"));
        long updates =
                JdbcClient.create(TestDatabase.ownerOf(node.database()))
                        .sql(
                                "select count(*) from audit_events where action = 'tenant.updated'"
                                        + " and target_id = ? and details->'status'->>'to' ="
                                        + " 'suspended'")
                        .param(t.id())
                        .query(Long.class)
                        .single();
        assertThat(updates).isEqualTo(1);
    }

    @Test
    void aForbiddenRequestIsAuditedAsADenialBeforeTheAnswer() {
        String[] reader = Tenancy.newKey(node, tenant, List.of("apps:read"));
        Http.Response denied =
                http.post(
                        "/v1/api-keys",
                        reader[1],
                        Http.json("name", "x", "scopes", List.of("apps:read")));
        assertThat(denied.status()).isEqualTo(403);

        JsonNode event =
                events(
                                tenant.adminKey(),
                                "action=request.denied&ref=" + denied.header("X-Request-Id"))
                        .get(0);
        assertThat(event.get("decision").asString()).isEqualTo("deny");
        assertThat(event.get("actor").get("id").asString()).isEqualTo(reader[0]);
    }

    @Test
    void aRevokedKeyUsedAgainIsAuditedAsRejected() {
        String[] k = Tenancy.newKey(node, tenant, List.of("apps:read"));
        http.delete("/v1/api-keys/" + k[0], tenant.adminKey());
        Http.Response refused = http.get("/v1/whoami", k[1]);
        assertThat(refused.status()).isEqualTo(401);

        JsonNode event =
                events(
                                tenant.adminKey(),
                                "action=api_key.rejected&ref=" + refused.header("X-Request-Id"))
                        .get(0);
        assertThat(event.get("reason").asString()).isEqualTo("key_revoked");
        assertThat(event.get("decision").asString()).isEqualTo("deny");
    }

    @Test
    void anotherTenantsEventsNeverShow() {
        Tenancy.TestTenant other = Tenancy.newTenant(node);
        String[] otherKey = Tenancy.newKey(node, other, List.of("apps:read"));
        assertThat(http.get("/v1/audit-events?limit=100", tenant.adminKey()).body())
                .doesNotContain(otherKey[0]);
        assertThat(http.get("/v1/audit-events/export", tenant.adminKey()).body())
                .doesNotContain(otherKey[0]);
    }

    @Test
    void verifyIsOkUntilTheOwnerTampersWithARowThenNamesIt() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        for (int i = 0; i < 3; i++) {
            Tenancy.newKey(node, t, List.of("apps:read"));
        }
        node.bean(AuditSealer.class).sealNow();
        Http.Response ok = http.get("/v1/audit-events/verify", t.adminKey());
        assertThat(ok.json().get("ok").asBoolean()).isTrue();
        assertThat(ok.json().get("checked").asLong()).isGreaterThanOrEqualTo(4);

        String victim =
                events(t.adminKey(), "action=api_key.created&limit=1").get(0).get("id").asString();
        JdbcClient.create(TestDatabase.ownerOf(node.database()))
                .sql(
                        "update audit_events set details = '{\"scopes\":[\"keys:admin\"]}' where"
                                + " public_id = ?")
                .param(victim)
                .update();

        Http.Response broken = http.get("/v1/audit-events/verify", t.adminKey());
        assertThat(broken.json().get("ok").asBoolean()).isFalse();
        assertThat(broken.json().get("first_broken").asString()).isEqualTo(victim);
    }

    @Test
    void theAppRoleCannotRewriteHistory() {
        JdbcClient app = JdbcClient.create(node.bean(javax.sql.DataSource.class));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> app.sql("delete from audit_events").update())
                .rootCause()
                .hasMessageContaining("permission denied");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> app.sql("update audit_events set action = 'x.y'").update())
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void auditRoutesNeedAuditRead() {
        String[] reader = Tenancy.newKey(node, tenant, List.of("apps:read"));
        assertThat(http.get("/v1/audit-events", reader[1]).status()).isEqualTo(403);
        assertThat(http.get("/v1/audit-events/verify", reader[1]).status()).isEqualTo(403);
        assertThat(http.get("/v1/audit-events/export", reader[1]).status()).isEqualTo(403);
        assertThat(http.get("/v1/audit-events", null).status()).isEqualTo(401);
        assertThat(http.get("/v1/audit-events?decision=maybe", tenant.adminKey()).status())
                .isEqualTo(400);
    }
}
