package dev.gatehouse.kernel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two application instances against one database: a change made through one node is in force on the
 * other on the very next request, although each node caches key lookups.
 */
class TwoNodeRevocationIT {

    static TestNode a;
    static TestNode b;

    @BeforeAll
    static void start() {
        Map<String, String> env = TestNode.environment(Map.of("KEY_CACHE_SECONDS", "3600"));
        a = TestNode.startWith(env);
        Map<String, String> second = new java.util.HashMap<>(a.env());
        second.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        second.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        second.remove("GATEHOUSE_DATA_DIR");
        b = TestNode.startWith(second);
        a.awaitCachesTrusted(Duration.ofSeconds(10));
        b.awaitCachesTrusted(Duration.ofSeconds(10));
    }

    /**
     * A node trusts its caches once its listener is up; before that it reads the database every
     * time.
     */
    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void keyRevokedOnOneNodeIsRefusedByTheOtherOnTheNextRequest() {
        Tenancy.TestTenant t = Tenancy.newTenant(a);
        for (int round = 0; round < 10; round++) {
            String[] key = Tenancy.newKey(a, t, List.of("apps:read"));
            // Both nodes have the key cached as valid.
            assertThat(b.http().get("/v1/whoami", key[1]).status()).isEqualTo(200);
            assertThat(a.http().get("/v1/whoami", key[1]).status()).isEqualTo(200);

            // The test is only meaningful while node b serves the key from its cache.
            assertThat(b.bean(ClusterInvalidations.class).cachesTrusted()).isTrue();
            assertThat(a.http().delete("/v1/api-keys/" + key[0], t.adminKey()).status())
                    .isEqualTo(204);

            Http.Response onB = b.http().get("/v1/whoami", key[1]);
            assertThat(onB.status()).as("round %d", round).isEqualTo(401);
            assertThat(a.http().get("/v1/whoami", key[1]).status()).isEqualTo(401);
        }
    }

    @Test
    void tenantSuspendedOnOneNodeIsRefusedByTheOtherOnTheNextRequest() {
        Tenancy.TestTenant t = Tenancy.newTenant(a);
        assertThat(b.http().get("/v1/whoami", t.adminKey()).status()).isEqualTo(200);

        assertThat(
                        a.http()
                                .patch(
                                        "/v1/tenants/" + t.id(),
                                        a.operatorKey(),
                                        Http.json("status", "suspended"))
                                .status())
                .isEqualTo(200);

        assertThat(b.http().get("/v1/whoami", t.adminKey()).status()).isEqualTo(401);
    }

    @Test
    void bothNodesAreRegisteredAndAcknowledging() {
        assertThat(a.bean(ClusterInvalidations.class).cachesTrusted()).isTrue();
        assertThat(b.bean(ClusterInvalidations.class).cachesTrusted()).isTrue();
    }
}
