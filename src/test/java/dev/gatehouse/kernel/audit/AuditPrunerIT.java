package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class AuditPrunerIT {

    private static AuditFixture audit;

    @BeforeAll
    static void start() {
        audit = new AuditFixture();
    }

    @AfterAll
    static void stop() {
        audit.close();
    }

    @Test
    void pruneKeepsVerifyGreenAndIsItselfAudited() {
        TenantId kept = audit.tenant("prune-kept");
        TenantId gone = audit.tenant("prune-gone");
        Instant cutoff = Instant.parse("2026-11-25T12:00:00Z");
        audit.clock.set(cutoff.minus(Duration.ofHours(2)));
        for (int i = 0; i < 10; i++) {
            audit.event(kept, "api_key.created");
            audit.event(gone, "api_key.created");
            audit.clock.advance(Duration.ofMinutes(1));
        }
        audit.clock.set(cutoff.plus(Duration.ofMinutes(1)));
        for (int i = 0; i < 5; i++) {
            audit.event(kept, "api_key.revoked");
        }
        audit.sealer.sealNow();
        audit.clock.set(cutoff.plus(Duration.ofHours(1)));

        AuditPruner.PruneResult result = audit.pruner.pruneBefore(cutoff, audit.db.owner());
        audit.sealer.sealNow();

        assertThat(result.eventsDeleted()).isEqualTo(20);
        assertThat(result.chainsPruned()).isEqualTo(2);
        assertThat(audit.verifier.verify(kept)).isEqualTo(new Verification(true, 5, null));
        assertThat(audit.verifier.verify(gone)).isEqualTo(new Verification(true, 0, null));
        assertThat(audit.verifier.verifyPlatform().ok()).isTrue();
        assertThat(
                        audit.owner
                                .sql(
                                        "select count(*) from audit_events where action ="
                                            + " 'audit.pruned' and tenant_id is null and public_id"
                                            + " = ?")
                                .param(result.auditEventId())
                                .query(Long.class)
                                .single())
                .isEqualTo(1);

        audit.event(gone, "api_key.created");
        audit.event(kept, "api_key.created");
        audit.sealer.sealNow();
        assertThat(audit.verifier.verify(gone)).isEqualTo(new Verification(true, 1, null));
        assertThat(audit.verifier.verify(kept)).isEqualTo(new Verification(true, 6, null));
    }

    @Test
    void pruneRefusesAFutureDate() {
        assertThatThrownBy(
                        () ->
                                audit.pruner.pruneBefore(
                                        audit.clock.instant().plusSeconds(60), audit.db.owner()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("future");
    }
}
