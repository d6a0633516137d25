package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two nodes on one database share each key's limit through leased tokens (PostgreSQL buckets, the
 * default backend), under concurrent load over real HTTP on both; and leases never delay a
 * revocation.
 */
class TwoNodeRateLimitIT {

    static final int LIMIT_PER_MINUTE = 600;
    static final int CLIENTS_PER_NODE = 8;
    static final int REQUESTS_PER_NODE = 900;

    static TestNode a;
    static TestNode b;

    @BeforeAll
    static void start() {
        a =
                TestNode.start(
                        Map.of(
                                "RATE_LIMIT_KEY_PER_MINUTE",
                                Integer.toString(LIMIT_PER_MINUTE),
                                "KEY_CACHE_SECONDS",
                                "3600"));
        b = a.peer();
        a.awaitCachesTrusted(Duration.ofSeconds(10));
        b.awaitCachesTrusted(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void loadOnBothNodesAdmitsNoMoreThanTheLimitPlusTheStatedMargin() throws Exception {
        String key = Tenancy.newKey(a, Tenancy.newTenant(a), List.of("apps:read"))[1];
        var admitted = new ConcurrentHashMap<TestNode, AtomicInteger>();
        var limited = new ConcurrentHashMap<TestNode, Http.Response>();
        var unexpected = new ConcurrentHashMap<Integer, AtomicInteger>();
        var go = new CountDownLatch(1);
        var work = new ArrayList<Future<?>>();
        long started;
        long elapsedNanos;
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TestNode node : List.of(a, b)) {
                admitted.put(node, new AtomicInteger());
                for (int c = 0; c < CLIENTS_PER_NODE; c++) {
                    work.add(
                            clients.submit(
                                    () -> {
                                        go.await();
                                        for (int i = 0;
                                                i < REQUESTS_PER_NODE / CLIENTS_PER_NODE;
                                                i++) {
                                            Http.Response r = node.http().get("/v1/whoami", key);
                                            switch (r.status()) {
                                                case 200 -> admitted.get(node).incrementAndGet();
                                                case 429 -> limited.putIfAbsent(node, r);
                                                default ->
                                                        unexpected
                                                                .computeIfAbsent(
                                                                        r.status(),
                                                                        s -> new AtomicInteger())
                                                                .incrementAndGet();
                                            }
                                        }
                                        return null;
                                    }));
                }
            }
            started = System.nanoTime();
            go.countDown();
            for (Future<?> f : work) {
                f.get();
            }
            elapsedNanos = System.nanoTime() - started;
        }

        assertThat(unexpected).as("statuses other than 200 and 429").isEmpty();
        int total = admitted.get(a).get() + admitted.get(b).get();
        long lease = TokenLeases.leaseSize(RateLimit.perMinute("key", LIMIT_PER_MINUTE));
        // A token bucket of L per minute admits L plus what refills while the load runs; the
        // stated margin adds what each node may have leased and not yet spent: lease - 1.
        long refill =
                (long)
                        Math.ceil(
                                LIMIT_PER_MINUTE
                                        * (elapsedNanos / (double) TimeUnit.MINUTES.toNanos(1)));
        assertThat(total)
                .as("admitted in %d ms on two nodes", TimeUnit.NANOSECONDS.toMillis(elapsedNanos))
                .isLessThanOrEqualTo((int) (LIMIT_PER_MINUTE + 2 * (lease - 1) + refill))
                .isGreaterThanOrEqualTo((int) (LIMIT_PER_MINUTE - 2 * (lease - 1)));
        assertThat(admitted.get(a)).as("node a admitted some").hasPositiveValue();
        assertThat(admitted.get(b)).as("node b admitted some").hasPositiveValue();
        for (TestNode node : List.of(a, b)) {
            Http.Response r = limited.get(node);
            assertThat(r).as("a 429 from each node").isNotNull();
            assertThat(r.json().get("code").asString()).isEqualTo("rate_limited");
            assertThat(r.header("RateLimit-Reset")).isEqualTo(r.header("Retry-After"));
        }
    }

    @Test
    void aKeyHoldingLeasesOnBothNodesIsRefusedOnTheNextRequestAfterRevocation() {
        Tenancy.TestTenant t = Tenancy.newTenant(a);
        for (int round = 0; round < 3; round++) {
            String[] key = Tenancy.newKey(a, t, List.of("apps:read"));
            // Each node leases tokens for the key, spends one, keeps the rest, and caches the key.
            assertThat(a.http().get("/v1/whoami", key[1]).status()).isEqualTo(200);
            assertThat(b.http().get("/v1/whoami", key[1]).status()).isEqualTo(200);
            assertThat(b.bean(ClusterInvalidations.class).cachesTrusted()).isTrue();

            assertThat(a.http().delete("/v1/api-keys/" + key[0], t.adminKey()).status())
                    .isEqualTo(204);

            assertThat(b.http().get("/v1/whoami", key[1]).status())
                    .as("round %d on b", round)
                    .isEqualTo(401);
            assertThat(a.http().get("/v1/whoami", key[1]).status())
                    .as("round %d on a", round)
                    .isEqualTo(401);
        }
    }
}
