package dev.gatehouse.gateway.relay;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two nodes on one database, both caching the relay's controls: engaging the kill switch, deleting
 * or narrowing a policy, or closing the schedule through node A holds for node B's very next relay,
 * {@value #ROUNDS} times in a row each, with B's cache warm before every change and four clients
 * relaying through B without pause meanwhile (so B's loads race the evictions). The first test
 * shows B really answers from its cache, so the others would fail without the cluster-wide
 * invalidation.
 */
class TwoNodeControlsRevocationIT {

    static final int ROUNDS = 50;
    static final String PATH = "/customers/42";

    static TestNode a;
    static TestNode b;
    static FakeUpstream erp;

    /** One tenant with an upstream, a catalog endpoint, a credential set and its token. */
    record Setup(Tenancy.TestTenant tenant, AccessFixture.Issued credential, String token) {}

    @BeforeAll
    static void start() {
        a = TestNode.start(Map.of("KEY_CACHE_SECONDS", "3600"));
        b = a.peer();
        a.awaitCachesTrusted(Duration.ofSeconds(10));
        b.awaitCachesTrusted(Duration.ofSeconds(10));
        erp = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        erp.close();
        b.close();
        a.close();
    }

    static Setup setUp() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(a);
        admin(
                tenant,
                "PUT",
                "/v1/gateway/upstream",
                Http.json("base_url", erp.url("/erp"), "auth", Map.of("type", "none")),
                200);
        admin(
                tenant,
                "POST",
                "/v1/gateway/endpoints",
                Http.json("method", "GET", "path_template", "/customers/{id}"),
                201);
        admin(
                tenant,
                "POST",
                "/v1/gateway/endpoints",
                Http.json("method", "GET", "path_template", "/orders"),
                201);
        AccessFixture.Issued credential =
                AccessFixture.credential(
                        a, tenant.adminKey(), Map.of("rate_limit_per_minute", 100_000));
        return new Setup(tenant, credential, AccessFixture.exchange(a, credential));
    }

    @Test
    void nodeBAnswersFromItsCacheWhileNothingIsPublished() {
        Setup s = setUp();
        policy(s, "/customers/*", true);
        assertThat(relay(b, s).status()).isEqualTo(200);

        JdbcClient.create(TestDatabase.ownerOf(a.database()))
                .sql(
                        "insert into gateway_kill_switches (tenant_id, engaged, reason, engaged_by,"
                                + " engaged_at, updated_at) select id, true, 'behind its back',"
                                + " 'test', now(), now() from tenants where public_id = ?")
                .param(s.tenant().id())
                .update();

        assertThat(relay(b, s).status()).isEqualTo(200);
        assertProblem(relay(a, s), 503, "kill_switch_engaged");
    }

    @Test
    void theKillSwitchEngagedOnANodeHoldsOnTheOtherForTheNextRelay() {
        Setup s = setUp();
        policy(s, "/customers/*", true);
        try (Load load = Load.on(b, s)) {
            for (int round = 0; round < ROUNDS; round++) {
                admin(
                        s.tenant(),
                        "PUT",
                        "/v1/gateway/kill-switch",
                        Http.json("engaged", false),
                        200);
                warm(s, round);

                admin(
                        s.tenant(),
                        "PUT",
                        "/v1/gateway/kill-switch",
                        Http.json("engaged", true, "reason", "round " + round),
                        200);

                assertProblem(relay(b, s), 503, "kill_switch_engaged");
            }
            assertThat(load.relays()).isGreaterThan(ROUNDS);
        }
    }

    @Test
    void aDeletedPolicyGrantsNothingOnTheOtherNodeFromTheNextRelay() {
        Setup s = setUp();
        try (Load load = Load.on(b, s)) {
            for (int round = 0; round < ROUNDS; round++) {
                String policy = policy(s, "/customers/*", true);
                warm(s, round);

                admin(s.tenant(), "DELETE", "/v1/gateway/policies/" + policy, null, 204);

                assertProblem(relay(b, s), 403, "policy_denied");
            }
            assertThat(load.relays()).isGreaterThan(ROUNDS);
        }
    }

    @Test
    void aNarrowedPolicyHoldsOnTheOtherNodeFromTheNextRelay() {
        Setup s = setUp();
        String policy = policy(s, "/customers/*", true);
        try (Load load = Load.on(b, s)) {
            for (int round = 0; round < ROUNDS; round++) {
                replacePolicy(s, policy, "/customers/*");
                warm(s, round);

                replacePolicy(s, policy, "/orders");

                assertProblem(relay(b, s), 403, "policy_denied");
            }
            assertThat(load.relays()).isGreaterThan(ROUNDS);
        }
    }

    @Test
    void aClosedScheduleHoldsOnTheOtherNodeFromTheNextRelay() {
        Setup s = setUp();
        policy(s, "/customers/*", false);
        // a day far from today in UTC, so the window is closed whatever the hour
        String closedDay =
                ZonedDateTime.now(a.bean(Clock.class).withZone(ZoneOffset.UTC))
                        .getDayOfWeek()
                        .plus(3)
                        .getDisplayName(TextStyle.SHORT, Locale.ROOT)
                        .toUpperCase(Locale.ROOT);
        try (Load load = Load.on(b, s)) {
            for (int round = 0; round < ROUNDS; round++) {
                schedule(s, closedDay, false);
                warm(s, round);

                schedule(s, closedDay, true);

                Http.Response r = relay(b, s);
                assertProblem(r, 403, "outside_schedule");
                assertThat(r.json().get("next_window_start").asString()).endsWith("Z");
            }
            assertThat(load.relays()).isGreaterThan(ROUNDS);
        }
    }

    /** Both nodes relay, so both have the controls cached, and B trusts its cache. */
    static void warm(Setup s, int round) {
        assertThat(relay(b, s).status()).as("round %d on B", round).isEqualTo(200);
        assertThat(relay(a, s).status()).as("round %d on A", round).isEqualTo(200);
    }

    static Http.Response relay(TestNode node, Setup s) {
        return node.http()
                .send(
                        "GET",
                        "/gateway/v1/erp" + PATH,
                        null,
                        null,
                        Map.of(
                                "Authorization",
                                "Bearer " + s.token(),
                                "x-api-key",
                                s.credential().xApiKey()));
    }

    static String policy(Setup s, String path, boolean exempt) {
        Http.Response r =
                a.http()
                        .post(
                                "/v1/gateway/policies",
                                s.tenant().adminKey(),
                                policyBody(s, path, exempt));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    static void replacePolicy(Setup s, String id, String path) {
        admin(s.tenant(), "PUT", "/v1/gateway/policies/" + id, policyBody(s, path, true), 200);
    }

    static String policyBody(Setup s, String path, boolean exempt) {
        return Http.json(
                "name",
                "Partner",
                "account_id",
                s.credential().accountId(),
                "rules",
                List.of(Map.of("method", "GET", "path", path)),
                "schedule_exempt",
                exempt);
    }

    static void schedule(Setup s, String day, boolean enabled) {
        admin(
                s.tenant(),
                "PUT",
                "/v1/gateway/schedule",
                Http.json(
                        "timezone",
                        "UTC",
                        "days",
                        List.of(day),
                        "start",
                        "00:00",
                        "end",
                        "23:59",
                        "enabled",
                        enabled),
                200);
    }

    static void admin(
            Tenancy.TestTenant tenant, String method, String path, String body, int expected) {
        Http.Response r = a.http().send(method, path, tenant.adminKey(), body, Map.of());
        assertThat(r.status()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
    }

    /** Clients relaying through a node without pause; their answers are not checked. */
    static final class Load implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong relays = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();

        static Load on(TestNode node, Setup s) {
            Load load = new Load();
            for (int i = 0; i < 4; i++) {
                load.threads.add(
                        Thread.ofPlatform()
                                .daemon()
                                .start(
                                        () -> {
                                            while (load.running.get()) {
                                                relay(node, s);
                                                load.relays.incrementAndGet();
                                            }
                                        }));
            }
            return load;
        }

        long relays() {
            return relays.get();
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
}
