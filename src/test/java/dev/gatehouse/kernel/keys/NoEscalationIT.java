package dev.gatehouse.kernel.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/** No minting path gives a key more than its minter holds. */
class NoEscalationIT {

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
    void aKeysAdminKeyCannotMintScopesItDoesNotHold() {
        String[] limited = Tenancy.newKey(node, tenant, List.of("keys:admin", "apps:read"));

        Http.Response up =
                http.post(
                        "/v1/api-keys",
                        limited[1],
                        Http.json("name", "up", "scopes", List.of("apps:read", "apps:admin")));

        assertThat(up.status()).isEqualTo(403);
        assertThat(up.json().get("detail").asString()).contains("apps:admin");
        assertThat(
                        http.post(
                                        "/v1/api-keys",
                                        limited[1],
                                        Http.json(
                                                "name",
                                                "same",
                                                "scopes",
                                                List.of("apps:read", "keys:admin")))
                                .status())
                .isEqualTo(201);
    }

    @Test
    void adminImpliesReadSoReadMayBeMintedFromAdmin() {
        String[] admin = Tenancy.newKey(node, tenant, List.of("keys:admin", "apps:admin"));
        Http.Response r =
                http.post(
                        "/v1/api-keys",
                        admin[1],
                        Http.json("name", "r", "scopes", List.of("apps:read")));
        assertThat(r.status()).isEqualTo(201);
        assertThat(
                        http.post(
                                        "/v1/api-keys",
                                        admin[1],
                                        Http.json(
                                                "name", "r", "scopes", List.of("connections:read")))
                                .status())
                .isEqualTo(403);
    }

    @Test
    void aReadOnlyKeyGainsNothingThroughAnyMintingPath() {
        List<String> everyScope =
                java.util.stream.Stream.concat(
                                node.bean(ScopeCatalog.class).tenantScopes().stream(),
                                java.util.stream.Stream.of(Scope.TENANTS_ADMIN))
                        .map(Scope::wire)
                        .toList();
        String[] reader =
                Tenancy.newKey(
                        node,
                        tenant,
                        everyScope.stream().filter(s -> s.endsWith(":read")).toList());

        for (String scope : everyScope) {
            Http.Response r =
                    http.post(
                            "/v1/api-keys",
                            reader[1],
                            Http.json("name", "x", "scopes", List.of(scope)));
            assertThat(r.status()).as(scope).isIn(400, 403);
        }
        assertThat(http.post("/v1/tenants", reader[1], Http.json("name", "x")).status())
                .isEqualTo(403);
    }

    @Test
    void nobodyMintsTheOperatorScopeThroughTheTenantApi() {
        Http.Response r =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("name", "op", "scopes", List.of("tenants:admin")));
        assertThat(r.status()).isIn(400, 403);
    }
}
