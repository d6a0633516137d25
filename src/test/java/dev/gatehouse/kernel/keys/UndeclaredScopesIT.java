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
 * A key may carry scopes of a product this node does not have (a product's scopes arrive with it,
 * as {@code gateway:*} did and {@code sync:*} will): they are kept, grant nothing, and grant as
 * soon as a node with a product that declares them serves the key. A made-up product, {@code
 * ledger}, stands in, so the test holds whatever products are installed.
 */
class UndeclaredScopesIT {

    /** Stands in for a product that arrives later and declares {@code ledger:*}. */
    static final class Arriving implements ProductModule {
        @Override
        public String name() {
            return "arriving";
        }

        @Override
        public List<Scope> scopes() {
            return List.of(new Scope("ledger:read"), new Scope("ledger:admin"));
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
                        "update api_keys set scopes = scopes || '{ledger:admin,archive:read}' where"
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
                .containsExactlyInAnyOrder(
                        "apps:read", "archive:read", "keys:admin", "ledger:admin");
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
                                Http.json("name", "x", "scopes", List.of("ledger:read"))),
                400,
                "invalid_request");
    }

    @Test
    void theSameStoredScopesGrantOnANodeWhoseProductDeclaresThem() {
        Http.Response whoami = later.http().get("/v1/whoami", key);

        assertThat(whoami.status()).as(whoami.body()).isEqualTo(200);
        assertThat(scopes(whoami.json().get("key").get("scopes")))
                .containsExactly("apps:read", "keys:admin", "ledger:admin", "ledger:read");
        Http.Response minted =
                later.http()
                        .post(
                                "/v1/api-keys",
                                key,
                                Http.json("name", "reader", "scopes", List.of("ledger:read")));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
    }
}
