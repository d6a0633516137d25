package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class AuditLogIT {

    private static final String KEY = "gk_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v";
    private static AuditFixture audit;

    @BeforeAll
    static void start() {
        audit =
                new AuditFixture(
                        new AuditSettings(
                                100,
                                10,
                                Duration.ofMillis(50),
                                Duration.ofSeconds(10),
                                2048,
                                Duration.ofSeconds(1),
                                5000,
                                100_000));
    }

    @AfterAll
    static void stop() {
        audit.close();
    }

    @Test
    void storedDetailsCarryNoSecrets() {
        TenantId tenant = audit.tenant("redaction");
        String id =
                audit.log.record(
                        AuditEntry.of(
                                        tenant,
                                        Actor.apiKey("key_1", "label " + KEY),
                                        "gateway.request")
                                .denied("token " + KEY)
                                .withRequest("req_12345678", "10.0.0.1", "curl " + KEY)
                                .withDetails(
                                        Map.of(
                                                "headers",
                                                Map.of("Authorization", "Bearer x.y.z"),
                                                "password",
                                                "p",
                                                "preview",
                                                "body " + KEY)));

        String stored =
                audit.owner
                        .sql(
                                "select actor_label || reason || user_agent || details::text"
                                        + " from audit_events where public_id = ?")
                        .param(id)
                        .query(String.class)
                        .single();
        assertThat(stored)
                .doesNotContain(KEY)
                .doesNotContain("Bearer x.y.z")
                .contains("[redacted]");
    }

    @Test
    void asyncEventsUnderAFullQueueAreAllStoredAndDrainedOnShutdown() throws Exception {
        var fixture =
                new AuditFixture(
                        new AuditSettings(
                                100,
                                10,
                                Duration.ofMillis(50),
                                Duration.ofSeconds(10),
                                2048,
                                Duration.ofSeconds(1),
                                5000,
                                100_000));
        TenantId tenant = fixture.tenant("async");
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            producers.add(
                    Thread.ofPlatform()
                            .start(
                                    () -> {
                                        for (int i = 0; i < 500; i++) {
                                            fixture.log.recordAsync(
                                                    AuditEntry.of(
                                                                    tenant,
                                                                    Actor.system("load"),
                                                                    "gateway.request")
                                                            .allowed());
                                        }
                                    }));
        }
        for (Thread p : producers) {
            p.join();
        }
        fixture.writer.stop();

        assertThat(fixture.countAsOwner("audit_events")).isEqualTo(2000);
        fixture.close();
    }

    @Test
    void recordJoinsTheCallersTenantTransactionAndRollsBackWithIt() {
        TenantId tenant = audit.tenant("joins");
        try {
            audit.transactions.inTenant(
                    tenant,
                    () -> {
                        audit.event(tenant, "api_key.created");
                        throw new IllegalStateException("the change failed");
                    });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("the change failed");
        }
        assertThat(
                        audit.owner
                                .sql("select count(*) from audit_events where tenant_id = ?")
                                .param(tenant.value())
                                .query(Long.class)
                                .single())
                .isZero();
    }

    @Test
    void platformEventsAreInvisibleToTenantsAndVerifyInThePlatformChain() {
        TenantId tenant = audit.tenant("platform-view");
        audit.log.record(
                AuditEntry.of(null, Actor.operator("key_op", "ops"), "tenant.created")
                        .withTarget("tenant", "ten_platform-view"));
        audit.sealer.sealNow();

        long seen =
                audit.transactions.inTenant(
                        tenant,
                        () ->
                                audit.app
                                        .sql(
                                                "select count(*) from audit_events where tenant_id"
                                                        + " is null")
                                        .query(Long.class)
                                        .single());
        assertThat(seen).isZero();
        assertThat(audit.verifier.verifyPlatform().ok()).isTrue();
        assertThat(audit.verifier.verifyPlatform().checked()).isPositive();
    }

    @Test
    void recordDurablyReturnsAfterCommitAndConcurrentCallersShareTransactions() throws Exception {
        var fixture =
                new AuditFixture(
                        new AuditSettings(
                                100,
                                10,
                                Duration.ofMillis(50),
                                Duration.ofSeconds(10),
                                2048,
                                Duration.ofSeconds(1),
                                5000,
                                100_000));
        TenantId tenant = fixture.tenant("grouped");
        int callers = 32;
        var visible = new java.util.concurrent.CopyOnWriteArrayList<Long>();
        var returned = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        try (java.sql.Connection lock = fixture.db.owner().getConnection()) {
            // Holds the writer's first insert until every caller has queued.
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table audit_events in exclusive mode");
            for (int i = 0; i < callers; i++) {
                threads.add(
                        Thread.ofPlatform()
                                .start(
                                        () -> {
                                            String id =
                                                    fixture.log.recordDurably(
                                                            AuditEntry.of(
                                                                            tenant,
                                                                            Actor.system("relay"),
                                                                            "request.relayed")
                                                                    .allowed());
                                            returned.incrementAndGet();
                                            visible.add(
                                                    fixture.owner
                                                            .sql(
                                                                    "select count(*) from"
                                                                            + " audit_events where"
                                                                            + " public_id = ?")
                                                            .param(id)
                                                            .query(Long.class)
                                                            .single());
                                        }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fixture.writer.depth() + 10 < callers && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(returned).as("no caller returns before its batch commits").hasValue(0);
            lock.rollback();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertThat(visible)
                .as("each event is visible from another connection when its caller returns")
                .hasSize(callers)
                .containsOnly(1L);
        assertThat(fixture.writer.batchesWritten())
                .as("32 callers share a handful of transactions (batches of at most 10)")
                .isBetween(1L, 5L);
        fixture.close();
    }

    @Test
    void queryWithoutABindingSeesNoAuditRows() {
        audit.event(audit.tenant("unbound"), "api_key.created");
        assertThat(audit.app.sql("select count(*) from audit_events").query(Long.class).single())
                .isZero();
        assertThat(audit.app.sql("select count(*) from audit_chain").query(Long.class).single())
                .isZero();
    }

    @Test
    void occurredAtComesFromTheInjectedClockAtMicrosecondPrecision() {
        TenantId tenant = audit.tenant("clock");
        audit.clock.set(Instant.parse("2026-11-25T10:00:00.123456789Z"));
        String id = audit.event(tenant, "api_key.created");
        var page = audit.reader.query(tenant, AuditQuery.all());
        assertThat(page.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.id()).isEqualTo(id);
                            assertThat(e.occurredAt())
                                    .isEqualTo(Instant.parse("2026-11-25T10:00:00.123456Z"));
                        });
    }
}
