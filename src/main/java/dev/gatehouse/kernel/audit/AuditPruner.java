package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Deletes sealed audit events older than a date, for {@code gatehouse audit prune --before}.
 *
 * <p>Design: the application's role cannot delete audit rows, so pruning runs on a connection of
 * the tables' owner, which the command line holds. In one owner transaction it takes the sealer's
 * advisory lock (waiting for a running seal), and for every chain removes the longest prefix of
 * links whose events all occurred before the date, together with those events, and records an
 * anchor (the last removed link's seq and hash) so verification of the rest starts there and still
 * passes. Events not yet sealed are left alone. The prune itself is recorded, in the same
 * transaction, as {@code audit.pruned} in the platform chain. Thread-safe.
 */
public final class AuditPruner {

    /** What a prune removed. */
    public record PruneResult(
            Instant before, long eventsDeleted, int chainsPruned, String auditEventId) {}

    private record Cut(long chainKey, @Nullable Long tenantId, long seq, byte[] hash) {}

    private final AuditLog log;
    private final JsonMapper json;
    private final Clock clock;

    AuditPruner(AuditLog log, JsonMapper json, Clock clock) {
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    /** Prunes as the command line ({@code system} actor {@code audit-prune}). */
    public PruneResult pruneBefore(Instant before, DataSource ownerDataSource) {
        return pruneBefore(before, ownerDataSource, Actor.system("audit-prune"));
    }

    /**
     * Deletes sealed events that occurred before {@code before} and records {@code audit.pruned}.
     *
     * @throws IllegalArgumentException when {@code before} is in the future
     */
    public PruneResult pruneBefore(Instant before, DataSource ownerDataSource, Actor actor) {
        Objects.requireNonNull(before, "before");
        if (before.isAfter(clock.instant())) {
            throw new IllegalArgumentException(
                    "prune date must not be in the future, was " + before);
        }
        JdbcClient owner = JdbcClient.create(ownerDataSource);
        var tx = new TransactionTemplate(new DataSourceTransactionManager(ownerDataSource));
        return Objects.requireNonNull(
                tx.execute(
                        status -> {
                            owner.sql("select pg_advisory_xact_lock(?)")
                                    .param(AuditSealer.LOCK_KEY)
                                    .query()
                                    .singleValue();
                            List<Cut> cuts = cuts(owner, before);
                            long deleted = 0;
                            for (Cut cut : cuts) {
                                deleted += prune(owner, cut, before);
                            }
                            EventRow event =
                                    log.prepare(
                                            AuditEntry.of(null, actor, "audit.pruned")
                                                    .withDetails(
                                                            Map.of(
                                                                    "before",
                                                                    before.toString(),
                                                                    "events_deleted",
                                                                    deleted,
                                                                    "chains_pruned",
                                                                    cuts.size())));
                            new AuditEventStore(owner, json).insert(List.of(event));
                            return new PruneResult(before, deleted, cuts.size(), event.publicId());
                        }));
    }

    /** Per chain, the last link of the prefix whose events all occurred before {@code before}. */
    private static List<Cut> cuts(JdbcClient owner, Instant before) {
        return owner.sql(
                        """
                        with kept as (
                            select c.chain_key, min(c.seq) as first_kept
                            from audit_chain c join audit_events e on e.id = c.event_id
                            where e.occurred_at >= :before
                            group by c.chain_key),
                        cut as (
                            select c.chain_key, max(c.seq) as seq
                            from audit_chain c left join kept k on k.chain_key = c.chain_key
                            where k.first_kept is null or c.seq < k.first_kept
                            group by c.chain_key)
                        select c.chain_key, c.tenant_id, c.seq, c.hash
                        from audit_chain c join cut on cut.chain_key = c.chain_key and cut.seq = c.seq
                        order by c.chain_key\
                        """)
                .param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .query(
                        (rs, n) -> {
                            long tenant = rs.getLong("tenant_id");
                            return new Cut(
                                    rs.getLong("chain_key"),
                                    rs.wasNull() ? null : tenant,
                                    rs.getLong("seq"),
                                    rs.getBytes("hash"));
                        })
                .list();
    }

    private long prune(JdbcClient owner, Cut cut, Instant before) {
        owner.sql(
                        """
                        insert into audit_chain_anchors (chain_key, tenant_id, seq, hash, pruned_before, created_at)
                        values (?, ?, ?, ?, ?, ?)\
                        """)
                .param(cut.chainKey())
                .param(cut.tenantId())
                .param(cut.seq())
                .param(cut.hash())
                .param(OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        int events =
                owner.sql(
                                """
                                delete from audit_events where id in (
                                    select event_id from audit_chain where chain_key = ? and seq <= ?)\
                                """)
                        .params(cut.chainKey(), cut.seq())
                        .update();
        owner.sql("delete from audit_chain where chain_key = ? and seq <= ?")
                .params(cut.chainKey(), cut.seq())
                .update();
        return events;
    }
}
