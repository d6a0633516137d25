package dev.gatehouse.domains.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every node answers {@code ask} from its in-memory set of live hostnames, and that set stays exact
 * while other nodes change connections: no stale answer once the changing call has returned, the
 * set equal to the database's live set afterwards, and a node that starts in the middle of the
 * changes converging to the same set.
 */
class LiveSetClusterIT {

    private static final String ORIGIN = "https://app.saas.example:8443";
    private static final String OTHER_ORIGIN = "https://other.saas.example";

    static TestNode a;
    static TestNode b;
    static LiveHostFixture onA;
    static LiveHostFixture onB;
    static LiveHostFixture.Tenant tenant;
    static long application;

    @BeforeAll
    static void start() {
        a = TestNode.start(Map.of());
        b = peer(a);
        onA = new LiveHostFixture(a);
        onB = new LiveHostFixture(b);
        tenant = onA.tenant();
        application = onA.application(tenant, ORIGIN);
        awaitMemory(a);
        awaitMemory(b);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static TestNode peer(TestNode of) {
        Map<String, String> env = new HashMap<>(of.env());
        env.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        env.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        env.remove("GATEHOUSE_DATA_DIR");
        return TestNode.startWith(env);
    }

    private static void awaitMemory(TestNode node) {
        node.awaitCachesTrusted(Duration.ofSeconds(15));
        LiveHostnames live = node.bean(LiveHostnames.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!live.answersFromMemory() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(live.answersFromMemory()).as("answers from memory").isTrue();
    }

    private static Http.Response ask(TestNode node, String domain) {
        return node.management().get("/internal/ask?domain=" + domain, null);
    }

    private static double databaseLookups(TestNode node) {
        return node.bean(MeterRegistry.class)
                .get("gatehouse.domains.ask.database.lookups")
                .counter()
                .count();
    }

    @Test
    void answersComeFromMemoryWithoutTouchingTheDatabase() {
        String live = onA.connection(tenant, application, "live");
        double before = databaseLookups(a);

        for (int i = 0; i < 200; i++) {
            assertThat(ask(a, "scan-" + i + "-" + System.nanoTime() + ".example.net").status())
                    .isEqualTo(404);
        }
        assertThat(ask(a, live).status()).isEqualTo(200);
        // A change nobody announces is not seen: the answer did not come from the database.
        onA.setStatusSilently(live, "removed");
        assertThat(ask(a, live).status()).isEqualTo(200);
        onA.setStatusSilently(live, "live");

        assertThat(databaseLookups(a)).isEqualTo(before);
        assertThat(a.management().get("/metrics", null).body())
                .containsPattern("gatehouse_domains_ask_live(\\{[^}]*})? [1-9]");
    }

    @Test
    void noStaleAnswerOnOneNodeOnceTheOtherNodesChangeHasReturned() throws Exception {
        List<String> steady = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steady.add(onB.connection(tenant, application, "live"));
        }
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong asked = new AtomicLong();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            load.add(
                    Thread.ofPlatform()
                            .start(
                                    () -> {
                                        while (running.get()) {
                                            String host =
                                                    steady.get(
                                                            ThreadLocalRandom.current()
                                                                    .nextInt(steady.size()));
                                            int status = ask(a, host).status();
                                            asked.incrementAndGet();
                                            if (status != 200) {
                                                unexpected.add(host + " -> " + status);
                                            }
                                            int scan =
                                                    ask(a, "x" + asked.get() + ".scan.example")
                                                            .status();
                                            if (scan != 404) {
                                                unexpected.add("scan -> " + scan);
                                            }
                                        }
                                    }));
        }
        try {
            for (int round = 0; round < 50; round++) {
                String host = onB.connection(tenant, application, "verified");
                assertThat(ask(a, host).status()).as("round %d before", round).isEqualTo(404);

                onB.setStatus(tenant, host, "live");
                assertThat(ask(a, host).status()).as("round %d live", round).isEqualTo(200);

                onB.setStatus(tenant, host, "removed");
                assertThat(ask(a, host).status()).as("round %d removed", round).isEqualTo(404);
                if (round % 2 == 0) {
                    onB.setStatus(tenant, host, "live"); // left live, so the end state has both
                }
            }
        } finally {
            running.set(false);
            for (Thread t : load) {
                t.join();
            }
        }

        assertThat(unexpected).isEmpty();
        assertThat(asked.get()).isPositive();
        Map<String, String> database = onA.liveInDatabase();
        assertThat(a.bean(LiveHostnames.class).liveOrigins()).isEqualTo(database);
        assertThat(b.bean(LiveHostnames.class).liveOrigins()).isEqualTo(database);
    }

    @Test
    void originChangesAndSuspensionsReachEveryNodesSet() {
        long app = onA.application(tenant, ORIGIN);
        String host = onA.connection(tenant, app, "live");
        assertThat(ask(b, host).body()).contains(ORIGIN);

        onA.inTenant(
                tenant,
                jdbc -> {
                    jdbc.sql("update domain_applications set origin = ? where id = ?")
                            .param(OTHER_ORIGIN)
                            .param(app)
                            .update();
                    a.bean(LiveHostnames.class).changedApplication(app);
                });

        assertThat(ask(b, host).body())
                .isEqualTo("{\"allow\":true,\"origin\":\"" + OTHER_ORIGIN + "\"}");
        assertThat(b.bean(LiveHostnames.class).liveOrigins()).isEqualTo(onA.liveInDatabase());
    }

    @Test
    void aNodeStartedWhileAnotherChangesConnectionsConvergesToTheExactSet() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        CopyOnWriteArrayList<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread changes =
                Thread.ofPlatform()
                        .start(
                                () -> {
                                    try {
                                        while (running.get()) {
                                            String host =
                                                    onB.connection(tenant, application, "verified");
                                            onB.setStatus(tenant, host, "live");
                                            if (ThreadLocalRandom.current().nextBoolean()) {
                                                onB.setStatus(tenant, host, "removed");
                                            }
                                        }
                                    } catch (Throwable e) {
                                        failures.add(e);
                                    }
                                });
        TestNode c = null;
        try {
            c = peer(a);
            awaitMemory(c);
            Thread.sleep(500); // a few more changes after it trusts its set
        } finally {
            running.set(false);
            changes.join();
        }
        try {
            assertThat(failures).isEmpty();
            Map<String, String> database = onA.liveInDatabase();
            assertThat(c.bean(LiveHostnames.class).liveOrigins()).isEqualTo(database);
            assertThat(a.bean(LiveHostnames.class).liveOrigins()).isEqualTo(database);
        } finally {
            c.close();
        }
    }
}
