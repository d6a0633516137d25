package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class AuditChainIT {

    private static AuditFixture audit;
    private static final SystemScope SYSTEM = new SystemScope("test");

    @BeforeAll
    static void start() {
        audit = new AuditFixture();
    }

    @AfterAll
    static void stop() {
        audit.close();
    }

    @Test
    void appRoleCannotUpdateOrDeleteAuditRowsEvenInTheSystemScope() {
        TenantId tenant = audit.tenant("append-only");
        String id = audit.event(tenant, "api_key.created");
        audit.sealer.sealNow();

        for (String sql :
                List.of(
                        "update audit_events set action = 'api_key.revoked' where public_id = '"
                                + id
                                + "'",
                        "delete from audit_events where public_id = '" + id + "'",
                        "update audit_chain set hash = prev_hash where public_id = '" + id + "'",
                        "delete from audit_chain where public_id = '" + id + "'",
                        "truncate audit_events",
                        "insert into audit_chain_anchors (chain_key, seq, hash, pruned_before,"
                            + " created_at) values (1, 1, decode(repeat('00', 32), 'hex'), now(),"
                            + " now())")) {
            assertThatThrownBy(
                            () ->
                                    audit.transactions.inSystem(
                                            SYSTEM, () -> audit.app.sql(sql).update()))
                    .as(sql)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("permission denied");
        }
        assertThat(
                        audit.owner
                                .sql("select action from audit_events where public_id = ?")
                                .param(id)
                                .query(String.class)
                                .single())
                .isEqualTo("api_key.created");
    }

    @Test
    void sealedChainVerifiesAndCountsEveryEvent() {
        TenantId tenant = audit.tenant("clean");
        for (int i = 0; i < 25; i++) {
            audit.event(tenant, "api_key.created");
        }
        audit.sealer.sealNow();

        assertThat(audit.verifier.verify(tenant)).isEqualTo(new Verification(true, 25, null));
    }

    @Test
    void editingDetailsAsTheOwnerIsNamedByVerify() {
        TenantId tenant = audit.tenant("tamper-details");
        audit.event(tenant, "api_key.created");
        String victim = audit.event(tenant, "api_key.created");
        audit.event(tenant, "api_key.created");
        audit.sealer.sealNow();

        audit.owner
                .sql("update audit_events set details = '{\"n\": 2}' where public_id = ?")
                .param(victim)
                .update();

        assertThat(audit.verifier.verify(tenant)).isEqualTo(new Verification(false, 2, victim));
    }

    @Test
    void editingTheActionAsTheOwnerIsNamedByVerify() {
        TenantId tenant = audit.tenant("tamper-action");
        String victim = audit.event(tenant, "api_key.revoked");
        audit.event(tenant, "api_key.created");
        audit.sealer.sealNow();

        audit.owner
                .sql("update audit_events set action = 'api_key.created' where public_id = ?")
                .param(victim)
                .update();

        assertThat(audit.verifier.verify(tenant).firstBrokenPublicId()).isEqualTo(victim);
    }

    @Test
    void deletingAnEventRowAsTheOwnerIsNamedByVerify() {
        TenantId tenant = audit.tenant("tamper-delete");
        audit.event(tenant, "api_key.created");
        String victim = audit.event(tenant, "api_key.revoked");
        audit.event(tenant, "api_key.created");
        audit.sealer.sealNow();

        audit.owner.sql("delete from audit_events where public_id = ?").param(victim).update();

        assertThat(audit.verifier.verify(tenant)).isEqualTo(new Verification(false, 2, victim));
    }

    @Test
    void deletingAnEventAndItsLinkBreaksTheNextLink() {
        TenantId tenant = audit.tenant("tamper-delete-link");
        audit.event(tenant, "api_key.created");
        String victim = audit.event(tenant, "api_key.revoked");
        String next = audit.event(tenant, "api_key.created");
        audit.sealer.sealNow();

        audit.owner.sql("delete from audit_chain where public_id = ?").param(victim).update();
        audit.owner.sql("delete from audit_events where public_id = ?").param(victim).update();

        assertThat(audit.verifier.verify(tenant).firstBrokenPublicId()).isEqualTo(next);
    }

    @Test
    void movingAnEventToAnotherTenantIsNamedByVerify() {
        TenantId tenant = audit.tenant("tamper-move");
        TenantId other = audit.tenant("tamper-move-other");
        String victim = audit.event(tenant, "api_key.created");
        audit.sealer.sealNow();

        audit.owner
                .sql("update audit_events set tenant_id = ? where public_id = ?")
                .params(other.value(), victim)
                .update();

        assertThat(audit.verifier.verify(tenant).firstBrokenPublicId()).isEqualTo(victim);
    }

    @Test
    void chainVerifiesAfterSealingManyConcurrentInsertsFromSeveralThreads() throws Exception {
        TenantId a = audit.tenant("concurrent-a");
        TenantId b = audit.tenant("concurrent-b");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            TenantId tenant = t % 2 == 0 ? a : b;
            boolean async = t % 4 < 2;
            jobs.add(
                    () -> {
                        for (int i = 0; i < 100; i++) {
                            var entry =
                                    AuditEntry.of(
                                                    tenant,
                                                    Actor.system("load"),
                                                    "gateway.request_relayed")
                                            .allowed();
                            if (async) {
                                audit.log.recordAsync(entry);
                            } else {
                                audit.log.record(entry);
                            }
                            audit.clock.advance(Duration.ofMillis(1));
                        }
                        return null;
                    });
        }
        // the sealer runs while events are still being written
        Future<?> sealing =
                pool.submit(
                        () -> {
                            for (int i = 0; i < 20; i++) {
                                audit.sealer.sealScheduled();
                            }
                        });
        for (Future<Void> f : pool.invokeAll(jobs)) {
            f.get();
        }
        sealing.get();
        pool.shutdown();
        waitUntilStored(800 + countOthers(a, b));
        audit.sealer.sealNow();

        assertThat(audit.verifier.verify(a)).isEqualTo(new Verification(true, 400, null));
        assertThat(audit.verifier.verify(b)).isEqualTo(new Verification(true, 400, null));
        assertThat(
                        audit.owner
                                .sql(
                                        "select count(*) from audit_events e left join audit_chain"
                                            + " c on c.event_id = e.id where c.event_id is null")
                                .query(Long.class)
                                .single())
                .isZero();
    }

    private static long countOthers(TenantId a, TenantId b) {
        return audit.owner
                .sql(
                        "select count(*) from audit_events where tenant_id is null or tenant_id not"
                                + " in (?, ?)")
                .params(a.value(), b.value())
                .query(Long.class)
                .single();
    }

    private static void waitUntilStored(long expected) throws InterruptedException {
        for (int i = 0; i < 200 && audit.countAsOwner("audit_events") < expected; i++) {
            Thread.sleep(25);
        }
        assertThat(audit.countAsOwner("audit_events")).isEqualTo(expected);
    }
}
