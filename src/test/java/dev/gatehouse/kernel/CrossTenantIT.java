package dev.gatehouse.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Every kernel route that takes an id answers another tenant's object exactly as it answers a
 * missing one: 404 with the same body apart from the ref, and the object is left unchanged.
 */
class CrossTenantIT {

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant alice;
    static Tenancy.TestTenant bob;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        alice = Tenancy.newTenant(node);
        bob = Tenancy.newTenant(node);
    }

    private static String withoutRef(Http.Response r) {
        return r.body().replaceAll("\"ref\":\"[^\"]*\"", "");
    }

    private static void assertSameAsMissing(Http.Response other, Http.Response missing) {
        assertThat(other.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(withoutRef(other)).isEqualTo(withoutRef(missing));
    }

    @Test
    void anotherTenantsKeyCannotBeReadOrRevoked() {
        String[] bobsKey = Tenancy.newKey(node, bob, List.of("apps:read"));
        String missing = "key_00000000000000000000000000";

        assertSameAsMissing(
                http.get("/v1/api-keys/" + bobsKey[0], alice.adminKey()),
                http.get("/v1/api-keys/" + missing, alice.adminKey()));
        assertSameAsMissing(
                http.delete("/v1/api-keys/" + bobsKey[0], alice.adminKey()),
                http.delete("/v1/api-keys/" + missing, alice.adminKey()));

        assertThat(http.get("/v1/whoami", bobsKey[1]).status()).isEqualTo(200);
        assertThat(
                        http.get("/v1/api-keys/" + bobsKey[0], bob.adminKey())
                                .json()
                                .get("revoked_at")
                                .isNull())
                .isTrue();
    }

    @Test
    void anotherTenantsKeysDoNotAppearInTheList() {
        String[] bobsKey = Tenancy.newKey(node, bob, List.of("apps:read"));
        assertThat(http.get("/v1/api-keys?limit=100", alice.adminKey()).body())
                .doesNotContain(bobsKey[0]);
    }

    @Test
    void anotherTenantsCursorIsRefused() {
        for (int i = 0; i < 2; i++) {
            Tenancy.newKey(node, bob, List.of("apps:read"));
        }
        String bobsCursor =
                http.get("/v1/api-keys?limit=1", bob.adminKey())
                        .json()
                        .get("next_cursor")
                        .asString();
        Http.Response r = http.get("/v1/api-keys?cursor=" + bobsCursor, alice.adminKey());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("key_");
    }
}
