package dev.gatehouse.kernel.keys;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

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
import java.util.Map;

/** One test per HTTP outcome of {@code /v1/whoami} and {@code /v1/api-keys}. */
class ApiKeysIT {

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant tenant;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        tenant = Tenancy.newTenant(node);
    }

    @Test
    void whoamiDescribesTheKeyAndItsTenantWithoutTheSecret() {
        Http.Response r = http.get("/v1/whoami", tenant.adminKey());

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("tenant").get("id").asString()).isEqualTo(tenant.id());
        assertThat(body.get("key").get("last4").asString())
                .isEqualTo(tenant.adminKey().substring(42));
        assertThat(body.get("key").get("scopes").size())
                .isEqualTo(TestNode.shared().bean(ScopeCatalog.class).tenantScopes().size());
        assertThat(r.body()).doesNotContain(tenant.adminKey());
    }

    @Test
    void whoamiWithoutAKeyIs401() {
        assertProblem(http.get("/v1/whoami", null), 401, "unauthorized");
    }

    @Test
    void malformedUnknownAndWrongSchemeKeysGetTheSame401() {
        Http.Response malformed = http.get("/v1/whoami", "not-a-key");
        Http.Response unknown = http.get("/v1/whoami", "gk_" + "A".repeat(43));
        Http.Response basic =
                http.send(
                        "GET",
                        "/v1/whoami",
                        null,
                        null,
                        Map.of("Authorization", "Basic " + tenant.adminKey()));

        for (Http.Response r : List.of(malformed, unknown, basic)) {
            assertProblem(r, 401, "unauthorized");
            assertThat(r.json().get("detail").asString())
                    .isEqualTo("A valid credential is required.");
        }
    }

    @Test
    void createdKeyIsShownOnceAndWorks() {
        Http.Response created =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("name", "ci", "scopes", List.of("apps:read")));

        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        assertThat(key).matches("gk_[0-9A-Za-z]{43}");
        String id = created.json().get("id").asString();

        Http.Response fetched = http.get("/v1/api-keys/" + id, tenant.adminKey());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().has("key")).isFalse();
        assertThat(fetched.body()).doesNotContain(key);
        assertThat(http.get("/v1/api-keys", tenant.adminKey()).body()).doesNotContain(key);
        assertThat(http.get("/v1/whoami", key).status()).isEqualTo(200);
    }

    @Test
    void creatingWithUnknownScopeMissingNameOrUnknownFieldIs400() {
        assertProblem(
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("name", "x", "scopes", List.of("root"))),
                400,
                "invalid_request");
        assertProblem(
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("scopes", List.of("apps:read"))),
                400,
                "invalid_request");
        assertProblem(
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("name", "x", "scopes", List.of("apps:read"), "tenant_id", 1)),
                400,
                "invalid_request");
        assertProblem(
                http.post("/v1/api-keys", tenant.adminKey(), "{not json"), 400, "invalid_request");
        assertProblem(
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json(
                                "name",
                                "x",
                                "scopes",
                                List.of("apps:read"),
                                "expires_at",
                                "2001-01-01T00:00:00Z")),
                400,
                "invalid_request");
    }

    @Test
    void anExpiryThatIsNotADateTimeNamesTheFormatAndCreatesNoKey() {
        String name = "tomorrow-" + System.nanoTime();
        Http.Response r =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json(
                                "name",
                                name,
                                "scopes",
                                List.of("apps:read"),
                                "expires_at",
                                "tomorrow"));
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("expires_at");
        assertThat(r.json().get("errors").get(0).get("message").asString())
                .isEqualTo("expected an RFC 3339 date-time such as 2027-01-31T00:00:00Z");
        assertThat(r.json().get("errors")).hasSize(1);
        assertThat(http.get("/v1/api-keys?limit=100", tenant.adminKey()).body())
                .doesNotContain(name);
    }

    @Test
    void aNumberIsNotANameNorAStringAScopeList() {
        Http.Response r =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        "{\"name\":42,\"scopes\":\"apps:read\",\"expires_at\":1800000000}");
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").toString())
                .isEqualTo(
                        "[{\"field\":\"name\",\"message\":\"expected a string, got a whole"
                                + " number\"},{\"field\":\"scopes\",\"message\":\"expected an"
                                + " array, got a string\"},{\"field\":\"expires_at\",\"message\":"
                                + "\"expected an RFC 3339 date-time such as"
                                + " 2027-01-31T00:00:00Z\"}]");
    }

    @Test
    void creatingWithoutKeysAdminIs403() {
        String[] reader = Tenancy.newKey(node, tenant, List.of("apps:read"));
        assertProblem(
                http.post(
                        "/v1/api-keys",
                        reader[1],
                        Http.json("name", "x", "scopes", List.of("apps:read"))),
                403,
                "forbidden");
        assertProblem(http.get("/v1/api-keys", reader[1]), 403, "forbidden");
        assertProblem(http.get("/v1/api-keys/" + reader[0], reader[1]), 403, "forbidden");
        assertProblem(http.delete("/v1/api-keys/" + reader[0], reader[1]), 403, "forbidden");
    }

    @Test
    void unknownKeyIdIs404ForGetAndDelete() {
        assertProblem(
                http.get("/v1/api-keys/key_00000000000000000000000000", tenant.adminKey()),
                404,
                "not_found");
        assertProblem(
                http.delete("/v1/api-keys/key_00000000000000000000000000", tenant.adminKey()),
                404,
                "not_found");
        assertProblem(http.get("/v1/api-keys/garbage", tenant.adminKey()), 404, "not_found");
    }

    @Test
    void revokedKeyIsRefusedOnTheNextRequest() {
        String[] k = Tenancy.newKey(node, tenant, List.of("apps:read"));
        assertThat(http.get("/v1/whoami", k[1]).status()).isEqualTo(200);

        assertThat(http.delete("/v1/api-keys/" + k[0], tenant.adminKey()).status()).isEqualTo(204);

        assertProblem(http.get("/v1/whoami", k[1]), 401, "unauthorized");
        assertThat(
                        http.get("/v1/api-keys/" + k[0], tenant.adminKey())
                                .json()
                                .get("revoked_at")
                                .isNull())
                .isFalse();
    }

    @Test
    void expiredKeyIsRefused() {
        Http.Response created =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json(
                                "name",
                                "short",
                                "scopes",
                                List.of("apps:read"),
                                "expires_at",
                                "2030-01-01T00:00:00Z"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("expires_at").asString()).isEqualTo("2030-01-01T00:00:00Z");
        String key = created.json().get("key").asString();
        // Time passes: the key's expiry is now behind the server's clock.
        JdbcClient.create(TestDatabase.ownerOf(node.database()))
                .sql(
                        "update api_keys set expires_at = now() - interval '1 minute' where"
                                + " public_id = ?")
                .param(created.json().get("id").asString())
                .update();

        assertProblem(http.get("/v1/whoami", key), 401, "unauthorized");
    }

    @Test
    void listIsPaginatedWithOpaqueCursors() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        for (int i = 0; i < 3; i++) {
            Tenancy.newKey(node, t, List.of("apps:read"));
        }
        Http.Response first = http.get("/v1/api-keys?limit=2", t.adminKey());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("data").size()).isEqualTo(2);
        String cursor = first.json().get("next_cursor").asString();

        Http.Response second = http.get("/v1/api-keys?limit=2&cursor=" + cursor, t.adminKey());
        assertThat(second.json().get("data").size()).isEqualTo(2);
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
        assertThat(first.body() + second.body()).doesNotContain("\"id\":1");

        assertProblem(http.get("/v1/api-keys?limit=0", t.adminKey()), 400, "invalid_request");
        assertProblem(http.get("/v1/api-keys?limit=101", t.adminKey()), 400, "invalid_request");
        assertProblem(
                http.get("/v1/api-keys?cursor=%25%25not-base64", t.adminKey()),
                400,
                "invalid_request");
    }

    @Test
    void lastUsedAtIsRecordedWithoutAWritePerRequest() throws InterruptedException {
        String[] k = Tenancy.newKey(node, tenant, List.of("apps:read"));
        http.get("/v1/whoami", k[1]);
        assertThat(
                        http.get("/v1/api-keys/" + k[0], tenant.adminKey())
                                .json()
                                .get("last_used_at")
                                .isNull())
                .isTrue();

        node.bean(LastUseRecorder.class).flush();

        assertThat(
                        http.get("/v1/api-keys/" + k[0], tenant.adminKey())
                                .json()
                                .get("last_used_at")
                                .isNull())
                .isFalse();
    }
}
