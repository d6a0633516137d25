package dev.gatehouse.kernel.keys;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.kernel.product.ProductModules;
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

/**
 * A key may carry scopes of a product this node does not have (ERP Access's {@code gateway:*} and
 * SageConnect's {@code sync:*} arrive with their products): they are kept, grant nothing, and grant
 * as soon as a node with a product that declares them serves the key.
 */
class UndeclaredScopesIT {

    /** Stands in for a product that arrives later and declares the gateway's scopes. */
    static final class Arriving implements ProductModule {
        @Override
        public String name() {
            return "arriving";
        }

        @Override
        public List<Scope> scopes() {
            return List.of(new Scope("gateway:read"), new Scope("gateway:admin"));
        }
    }

    static TestNode today;
    static TestNode later;
    static Tenancy.TestTenant tenant;
    static String keyId;
    static String key;

    @BeforeAll
    static void start() {
        today = TestNode.start(Map.of());
        tenant = Tenancy.newTenant(today);
        String[] minted = Tenancy.newKey(today, tenant, List.of("keys:admin", "apps:read"));
        keyId = minted[0];
        key = minted[1];
        JdbcClient.create(TestDatabase.ownerOf(today.database()))
                .sql(
                        "update api_keys set scopes = scopes || '{gateway:admin,sync:read}' where"
                                + " public_id = ?")
                .param(keyId)
                .update();
        List<ProductModule> withArriving = new ArrayList<>(ProductModules.installed().all());
        withArriving.add(new Arriving());
        later = today.peer(ProductModules.of(withArriving));
    }

    @AfterAll
    static void stop() {
        later.close();
        today.close();
    }

    private static List<String> scopes(JsonNode node) {
        return node.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void undeclaredStoredScopesAreKeptAndShownWithTheKey() {
        Http.Response r = today.http().get("/v1/api-keys/" + keyId, tenant.adminKey());

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(scopes(r.json().get("scopes")))
                .containsExactlyInAnyOrder("apps:read", "gateway:admin", "keys:admin", "sync:read");
    }

    @Test
    void undeclaredScopesGrantNothingAndCannotBeMinted() {
        Http.Response whoami = today.http().get("/v1/whoami", key);

        assertThat(whoami.status()).as(whoami.body()).isEqualTo(200);
        assertThat(scopes(whoami.json().get("key").get("scopes")))
                .containsExactly("apps:read", "keys:admin");
        assertProblem(
                today.http()
                        .post(
                                "/v1/api-keys",
                                key,
                                Http.json("name", "x", "scopes", List.of("gateway:read"))),
                400,
                "invalid_request");
    }

    @Test
    void theSameStoredScopesGrantOnANodeWhoseProductDeclaresThem() {
        Http.Response whoami = later.http().get("/v1/whoami", key);

        assertThat(whoami.status()).as(whoami.body()).isEqualTo(200);
        assertThat(scopes(whoami.json().get("key").get("scopes")))
                .containsExactly("apps:read", "gateway:admin", "gateway:read", "keys:admin");
        Http.Response minted =
                later.http()
                        .post(
                                "/v1/api-keys",
                                key,
                                Http.json("name", "reader", "scopes", List.of("gateway:read")));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
    }
}
