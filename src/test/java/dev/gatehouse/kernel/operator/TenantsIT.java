package dev.gatehouse.kernel.operator;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/** One test per HTTP outcome of the operator's {@code /v1/tenants} routes. */
class TenantsIT {

    static TestNode node;
    static Http http;
    static String operator;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        operator = node.operatorKey();
    }

    @Test
    void operatorSetsATenantsConnectionLimit() {
        String id =
                http.post("/v1/tenants", operator, Http.json("name", "Limits " + System.nanoTime()))
                        .json()
                        .get("tenant")
                        .get("id")
                        .asString();
        Http.Response r =
                http.patch("/v1/tenants/" + id, operator, Http.json("max_connections", 3));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("limits").get("max_connections").asInt()).isEqualTo(3);
        assertThat(
                        http.patch("/v1/tenants/" + id, operator, Http.json("max_connections", -1))
                                .status())
                .isEqualTo(400);
        assertThat(
                        http.get("/v1/tenants/" + id, operator)
                                .json()
                                .get("limits")
                                .get("max_connections")
                                .asInt())
                .isEqualTo(3);
    }

    @Test
    void operatorCreatesATenantAndGetsItsFirstAdminKeyOnce() {
        Http.Response r =
                http.post(
                        "/v1/tenants",
                        operator,
                        Http.json("name", "Acme Logística", "plan", "team"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("tenant").get("id").asString()).startsWith("ten_");
        assertThat(r.json().get("tenant").get("slug").asString()).startsWith("acme-logistica");
        assertThat(r.json().get("tenant").get("limits").get("max_connections").asInt())
                .isEqualTo(100);
        String key = r.json().get("admin_key").get("key").asString();
        assertThat(http.get("/v1/whoami", key).status()).isEqualTo(200);

        Http.Response again =
                http.get("/v1/tenants/" + r.json().get("tenant").get("id").asString(), operator);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).doesNotContain(key);
    }

    @Test
    void duplicateSlugIs409() {
        String slug = "dup-" + System.nanoTime();
        assertThat(
                        http.post("/v1/tenants", operator, Http.json("name", "A", "slug", slug))
                                .status())
                .isEqualTo(201);
        assertProblem(
                http.post("/v1/tenants", operator, Http.json("name", "B", "slug", slug)),
                409,
                "conflict");
    }

    @Test
    void badTenantInputIs400() {
        assertProblem(
                http.post("/v1/tenants", operator, Http.json("slug", "no-name")),
                400,
                "invalid_request");
        assertProblem(
                http.post("/v1/tenants", operator, Http.json("name", "x", "slug", "Bad Slug")),
                400,
                "invalid_request");
        assertProblem(
                http.post("/v1/tenants", operator, Http.json("name", "x", "plan", "platinum")),
                400,
                "invalid_request");
        assertProblem(
                http.post("/v1/tenants", operator, Http.json("name", "x", "status", "active")),
                400,
                "invalid_request");
        assertProblem(
                http.post("/v1/tenants", operator, Http.json("name", "x".repeat(201))),
                400,
                "invalid_request");
    }

    @Test
    void tenantKeysCannotUseOperatorRoutes() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        assertProblem(
                http.post("/v1/tenants", t.adminKey(), Http.json("name", "x")), 403, "forbidden");
        assertProblem(http.get("/v1/tenants/" + t.id(), t.adminKey()), 403, "forbidden");
        assertProblem(
                http.patch("/v1/tenants/" + t.id(), t.adminKey(), Http.json("status", "suspended")),
                403,
                "forbidden");
    }

    @Test
    void operatorKeysCanDoNothingInsideATenant() {
        assertProblem(http.get("/v1/api-keys", operator), 403, "forbidden");
        assertProblem(
                http.post(
                        "/v1/api-keys",
                        operator,
                        Http.json("name", "x", "scopes", List.of("apps:read"))),
                403,
                "forbidden");
    }

    @Test
    void unauthenticatedOperatorRoutesAre401() {
        assertProblem(http.post("/v1/tenants", null, Http.json("name", "x")), 401, "unauthorized");
        assertProblem(
                http.get("/v1/tenants/ten_00000000000000000000000000", null), 401, "unauthorized");
    }

    @Test
    void unknownTenantIs404() {
        assertProblem(
                http.get("/v1/tenants/ten_00000000000000000000000000", operator), 404, "not_found");
        assertProblem(
                http.patch(
                        "/v1/tenants/ten_00000000000000000000000000",
                        operator,
                        Http.json("status", "suspended")),
                404,
                "not_found");
    }

    @Test
    void suspendingATenantRefusesItsKeysAtOnceAndReactivatingRestoresThem() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        assertThat(http.get("/v1/whoami", t.adminKey()).status()).isEqualTo(200);

        Http.Response suspended =
                http.patch("/v1/tenants/" + t.id(), operator, Http.json("status", "suspended"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().get("status").asString()).isEqualTo("suspended");
        assertProblem(http.get("/v1/whoami", t.adminKey()), 401, "unauthorized");

        assertThat(
                        http.patch("/v1/tenants/" + t.id(), operator, Http.json("status", "active"))
                                .status())
                .isEqualTo(200);
        assertThat(http.get("/v1/whoami", t.adminKey()).status()).isEqualTo(200);
    }

    @Test
    void badPatchIs400() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        assertProblem(
                http.patch("/v1/tenants/" + t.id(), operator, Http.json("status", "deleted")),
                400,
                "invalid_request");
        assertProblem(http.patch("/v1/tenants/" + t.id(), operator, "{}"), 400, "invalid_request");
        assertProblem(
                http.patch("/v1/tenants/" + t.id(), operator, Http.json("name", "renamed")),
                400,
                "invalid_request");
    }

    @Test
    void aPatchWithSeveralWrongFieldsListsEachWithWhatWasExpectedAndChangesNothing() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        Http.Response r =
                http.patch(
                        "/v1/tenants/" + t.id(),
                        operator,
                        "{\"status\":true,\"plan\":5,\"max_connections\":\"10\",\"colour\":\"red\"}");
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("status", "plan", "max_connections", "colour");
        assertThat(r.body())
                .contains(
                        "expected active or suspended",
                        "expected free, team or business",
                        "expected a whole number");
        assertThat(http.get("/v1/tenants/" + t.id(), operator).json().get("status").asString())
                .isEqualTo("active");
    }
}
