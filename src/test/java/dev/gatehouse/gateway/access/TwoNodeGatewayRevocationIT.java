package dev.gatehouse.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two nodes on one database, both caching the relay's credential checks: a revocation made through
 * node A is in force on node B's very next check, {@value #ROUNDS} times in a row for each thing
 * that can be revoked, with B's cache warm before every revocation. The first test shows B really
 * answers from its cache (a change made behind the application's back is not seen), so the others
 * would fail without the cluster-wide invalidation. The account and actor rounds run while four
 * threads check the same token on node B without pause.
 */
class TwoNodeGatewayRevocationIT {

    static final int ROUNDS = 50;
    static final AtomicInteger ADDRESSES = new AtomicInteger();

    static TestNode a;
    static TestNode b;
    static Tenancy.TestTenant tenant;

    @BeforeAll
    static void start() {
        Map<String, String> env =
                TestNode.environment(
                        Map.of(
                                "KEY_CACHE_SECONDS",
                                "3600",
                                "TRUSTED_PROXIES",
                                "127.0.0.1/32,::1/128"));
        a = TestNode.startWith(env);
        Map<String, String> second = new HashMap<>(a.env());
        second.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        second.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        second.remove("GATEHOUSE_DATA_DIR");
        b = TestNode.startWith(second);
        a.awaitCachesTrusted(Duration.ofSeconds(10));
        b.awaitCachesTrusted(Duration.ofSeconds(10));
        tenant = Tenancy.newTenant(a);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    static final String CLIENT = "198.18.7.7";

    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.19." + (n / 250) + "." + (1 + n % 250);
    }

    /** A token of {@code c}, exchanged on node A from an address of its own. */
    static String tokenOf(AccessFixture.Issued c) {
        Http.Response r =
                AccessFixture.token(
                        a.http(),
                        AccessFixture.basic(c.clientId(), c.apiPassword()),
                        c.xApiKey(),
                        Map.of("X-Forwarded-For", newAddress()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    static CallerCheck check(TestNode node, String token, AccessFixture.Issued c) {
        return node.bean(GatewayCallers.class)
                .check(token, c.xApiKey(), AllowedIps.literal(CLIENT));
    }

    /** Both nodes pass the token, so both have it cached, and B trusts its cache. */
    static void warm(String token, AccessFixture.Issued c, int round) {
        assertThat(check(b, token, c))
                .as("round %d", round)
                .isInstanceOf(CallerCheck.Allowed.class);
        assertThat(check(a, token, c))
                .as("round %d", round)
                .isInstanceOf(CallerCheck.Allowed.class);
        assertThat(b.bean(ClusterInvalidations.class).cachesTrusted()).isTrue();
    }

    static void refusedOnB(String token, AccessFixture.Issued c, Refusal reason, int round) {
        assertThat(check(b, token, c))
                .as("round %d", round)
                .isInstanceOfSatisfying(
                        CallerCheck.Refused.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void nodeBAnswersFromItsCacheWhileNothingIsPublished() {
        AccessFixture.Issued c = AccessFixture.credential(a, tenant.adminKey());
        String token = tokenOf(c);
        warm(token, c, 0);

        JdbcClient.create(TestDatabase.ownerOf(a.database()))
                .sql("update gateway_credentials set status = 'revoked' where public_id = ?")
                .param(c.id())
                .update();

        assertThat(check(b, token, c)).isInstanceOf(CallerCheck.Allowed.class);
    }

    @Test
    void credentialSetRevokedOnOneNodeIsRefusedByTheOtherOnTheNextCheck() {
        String account = AccessFixture.account(a, tenant.adminKey());
        String actor = AccessFixture.actor(a, tenant.adminKey(), account);
        for (int round = 0; round < ROUNDS; round++) {
            AccessFixture.Issued c =
                    AccessFixture.credentialFor(a, tenant.adminKey(), account, actor, Map.of());
            String token = tokenOf(c);
            warm(token, c, round);

            assertThat(
                            a.http()
                                    .post(
                                            "/v1/gateway/credentials/" + c.id() + ":revoke",
                                            tenant.adminKey(),
                                            null)
                                    .status())
                    .isEqualTo(200);

            // Revoking a set revokes its tokens too; the token's own state is checked first.
            refusedOnB(token, c, Refusal.REVOKED_TOKEN, round);
        }
    }

    @Test
    void tokenRevokedOnOneNodeIsRefusedByTheOtherOnTheNextCheck() {
        String account = AccessFixture.account(a, tenant.adminKey());
        String actor = AccessFixture.actor(a, tenant.adminKey(), account);
        AccessFixture.Issued c = null;
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 10 == 0) { // 10 exchanges per set keep within its per-client throttle
                c = AccessFixture.credentialFor(a, tenant.adminKey(), account, actor, Map.of());
            }
            String token = tokenOf(c);
            warm(token, c, round);
            String tokenId =
                    a.http()
                            .get(
                                    "/v1/gateway/tokens?limit=100&credential_id=" + c.id(),
                                    tenant.adminKey())
                            .json()
                            .get("data")
                            .get(round % 10)
                            .get("id")
                            .asString();

            assertThat(a.http().delete("/v1/gateway/tokens/" + tokenId, tenant.adminKey()).status())
                    .isEqualTo(204);

            refusedOnB(token, c, Refusal.REVOKED_TOKEN, round);
        }
    }

    @Test
    void accountSuspendedOnOneNodeIsRefusedByTheOtherOnTheNextCheck() {
        AccessFixture.Issued c = AccessFixture.credential(a, tenant.adminKey());
        String token = tokenOf(c);
        try (Load load = Load.on(b, token, c)) {
            for (int round = 0; round < ROUNDS; round++) {
                patch("/v1/gateway/accounts/" + c.accountId(), "active");
                warm(token, c, round);

                patch("/v1/gateway/accounts/" + c.accountId(), "suspended");

                refusedOnB(token, c, Refusal.ACCOUNT_SUSPENDED, round);
            }
            assertThat(load.checks()).isGreaterThan(ROUNDS);
        }
    }

    @Test
    void actorDisabledOnOneNodeIsRefusedByTheOtherOnTheNextCheck() {
        AccessFixture.Issued c = AccessFixture.credential(a, tenant.adminKey());
        String token = tokenOf(c);
        try (Load load = Load.on(b, token, c)) {
            for (int round = 0; round < ROUNDS; round++) {
                patch("/v1/gateway/actors/" + c.actorId(), "active");
                warm(token, c, round);

                patch("/v1/gateway/actors/" + c.actorId(), "disabled");

                refusedOnB(token, c, Refusal.ACTOR_DISABLED, round);
            }
            assertThat(load.checks()).isGreaterThan(ROUNDS);
        }
    }

    /**
     * Threads checking the same token on a node without pause, so its lookups race the evictions (a
     * lookup that read the database just before a change must not store what it read).
     */
    static final class Load implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean running =
                new java.util.concurrent.atomic.AtomicBoolean(true);
        private final java.util.concurrent.atomic.AtomicLong checks =
                new java.util.concurrent.atomic.AtomicLong();
        private final java.util.List<Thread> threads = new java.util.ArrayList<>();

        static Load on(TestNode node, String token, AccessFixture.Issued c) {
            Load load = new Load();
            for (int i = 0; i < 4; i++) {
                load.threads.add(
                        Thread.ofPlatform()
                                .daemon()
                                .start(
                                        () -> {
                                            while (load.running.get()) {
                                                check(node, token, c);
                                                load.checks.incrementAndGet();
                                            }
                                        }));
            }
            return load;
        }

        long checks() {
            return checks.get();
        }

        @Override
        public void close() {
            running.set(false);
            for (Thread t : threads) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void tenantSuspendedOnOneNodeIsRefusedByTheOtherOnTheNextCheck() {
        Tenancy.TestTenant t = Tenancy.newTenant(a);
        AccessFixture.Issued c = AccessFixture.credential(a, t.adminKey());
        String token = tokenOf(c);
        for (int round = 0; round < ROUNDS; round++) {
            tenantStatus(t, "active");
            warm(token, c, round);

            tenantStatus(t, "suspended");

            refusedOnB(token, c, Refusal.TENANT_SUSPENDED, round);
        }
    }

    static void patch(String path, String status) {
        Http.Response r = a.http().patch(path, tenant.adminKey(), Http.json("status", status));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static void tenantStatus(Tenancy.TestTenant t, String status) {
        Http.Response r =
                a.http()
                        .patch(
                                "/v1/tenants/" + t.id(),
                                a.operatorKey(),
                                Http.json("status", status));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
