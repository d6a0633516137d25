package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sync_runs} and {@code sync_run_steps} tables and their only owner. A run's end is
 * written only while it is still running, so a run the lock reaper has already ended as {@code
 * timed_out} keeps that status when its late thread finishes.
 */
@Repository
class SyncRuns {

    private static final String COLUMNS =
            "r.id, r.public_id, r.company_id, c.public_id as company_public_id, r.trigger,"
                    + " r.status, r.created_at, r.started_at, r.ended_at, r.summary, r.error,"
                    + " r.stuck_on_step";

    private final JdbcClient jdbc;
    private final Transactions tx;

    SyncRuns(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    long create(
            TenantId tenant,
            long companyId,
            String publicId,
            String trigger,
            String status,
            @Nullable String node,
            Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into sync_runs (public_id, tenant_id, company_id,"
                                                + " trigger, status, node, created_at, started_at)"
                                                + " values (?, ?, ?, ?, ?, ?, ?, ?) returning id")
                                .param(publicId)
                                .param(tenant.value())
                                .param(companyId)
                                .param(trigger)
                                .param(status)
                                .param(node == null ? "" : node)
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .query(Long.class)
                                .single());
    }

    /** Ends a running (or queued) run; false when it had already ended. */
    boolean end(
            TenantId tenant,
            long runId,
            String status,
            @Nullable String summary,
            @Nullable String error,
            @Nullable String stuckOnStep,
            Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update sync_runs set status = ?, summary = ?,"
                                                        + " error = ?, stuck_on_step = ?,"
                                                        + " ended_at = ? where tenant_id = ? and id"
                                                        + " = ? and status in ('queued',"
                                                        + " 'running')")
                                        .param(status)
                                        .param(cut(summary))
                                        .param(cut(error))
                                        .param(stuckOnStep == null ? "" : stuckOnStep)
                                        .param(Timestamp.from(now))
                                        .param(tenant.value())
                                        .param(runId)
                                        .update()
                                == 1);
    }

    void stepStarted(TenantId tenant, long runId, int position, String name, Instant now) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into sync_run_steps (tenant_id, run_id, position,"
                                                + " name, status, started_at) values (?, ?, ?, ?,"
                                                + " 'running', ?)")
                                .param(tenant.value())
                                .param(runId)
                                .param(position)
                                .param(name)
                                .param(Timestamp.from(now))
                                .update());
    }

    void stepEnded(
            TenantId tenant,
            long runId,
            int position,
            String status,
            @Nullable String summaryJson,
            @Nullable String error,
            Instant now) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update sync_run_steps set status = ?, summary ="
                                                + " cast(nullif(?, '') as jsonb), error = ?,"
                                                + " ended_at = ? where tenant_id = ? and run_id = ?"
                                                + " and position = ?")
                                .param(status)
                                .param(summaryJson == null ? "" : summaryJson)
                                .param(cut(error))
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(runId)
                                .param(position)
                                .update());
    }

    void stepSkipped(TenantId tenant, long runId, int position, String name) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into sync_run_steps (tenant_id, run_id, position,"
                                                + " name, status) values (?, ?, ?, ?, 'skipped')")
                                .param(tenant.value())
                                .param(runId)
                                .param(position)
                                .param(name)
                                .update());
    }

    Optional<SyncRun> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from sync_runs r join sync_companies c on c.id"
                                                + " = r.company_id where r.tenant_id = ? and"
                                                + " r.public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional()
                                .map(r -> r.withSteps(steps(tenant, r.id()))));
    }

    /**
     * Runs of {@code tenant} created at or after {@code since}, newest first, at most 500, with
     * their steps (read in one query for all of them).
     */
    List<SyncRun> since(TenantId tenant, Instant since) {
        return tx.inTenant(
                tenant,
                () -> {
                    List<SyncRun> found =
                            jdbc.sql(
                                            "select "
                                                    + COLUMNS
                                                    + " from sync_runs r join sync_companies c on"
                                                    + " c.id = r.company_id where r.tenant_id = ?"
                                                    + " and r.created_at >= ? order by"
                                                    + " r.created_at desc, r.id desc limit 500")
                                    .param(tenant.value())
                                    .param(Timestamp.from(since))
                                    .query(ROW)
                                    .list();
                    Map<Long, List<SyncRun.Step>> steps =
                            stepsOf(tenant, found.stream().map(SyncRun::id).toList());
                    return found.stream()
                            .map(r -> r.withSteps(steps.getOrDefault(r.id(), List.of())))
                            .toList();
                });
    }

    /**
     * Items sent and failed per UTC day since {@code since}, oldest first, as the sending steps
     * ({@code uploadPayments}, {@code createPurchaseOrders}) counted them in their summaries; days
     * without a sending step are absent.
     */
    List<SyncOperations.Day> perDay(TenantId tenant, Instant since) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select (s.started_at at time zone 'UTC')::date as day,"
                                            + " coalesce(sum((s.summary ->> 'sent')::bigint), 0) as"
                                            + " sent, coalesce(sum((s.summary ->>"
                                            + " 'failed')::bigint), 0) as failed from"
                                            + " sync_run_steps s where s.tenant_id = ? and"
                                            + " s.started_at >= ? and s.name in ('uploadPayments',"
                                            + " 'createPurchaseOrders') and jsonb_typeof(s.summary)"
                                            + " = 'object' group by 1 order by 1")
                                .param(tenant.value())
                                .param(Timestamp.from(since))
                                .query(
                                        (rs, n) ->
                                                new SyncOperations.Day(
                                                        rs.getObject("day", LocalDate.class),
                                                        rs.getLong("sent"),
                                                        rs.getLong("failed")))
                                .list());
    }

    /** The last run of each company of {@code tenant} that ended. */
    Optional<Instant> lastEnded(TenantId tenant, long companyId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select max(ended_at) from sync_runs where tenant_id = ?"
                                                + " and company_id = ?")
                                .param(tenant.value())
                                .param(companyId)
                                .query(Timestamp.class)
                                .optional()
                                .map(Timestamp::toInstant));
    }

    private Map<Long, List<SyncRun.Step>> stepsOf(TenantId tenant, List<Long> runIds) {
        if (runIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<SyncRun.Step>> byRun = new HashMap<>();
        jdbc.sql(
                        "select run_id, position, name, status, started_at, ended_at,"
                                + " summary::text as summary, error from sync_run_steps where"
                                + " tenant_id = ? and run_id = any (?) order by run_id, position")
                .param(tenant.value())
                .param(runIds.toArray(Long[]::new))
                .query(
                        (rs, n) ->
                                Map.entry(
                                        rs.getLong("run_id"),
                                        new SyncRun.Step(
                                                rs.getInt("position"),
                                                rs.getString("name"),
                                                rs.getString("status"),
                                                instant(rs.getTimestamp("started_at")),
                                                instant(rs.getTimestamp("ended_at")),
                                                rs.getString("summary"),
                                                rs.getString("error"))))
                .list()
                .forEach(
                        e ->
                                byRun.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                        .add(e.getValue()));
        return byRun;
    }

    private List<SyncRun.Step> steps(TenantId tenant, long runId) {
        return jdbc.sql(
                        "select position, name, status, started_at, ended_at, summary::text as"
                                + " summary, error from sync_run_steps where tenant_id = ? and"
                                + " run_id = ? order by position")
                .param(tenant.value())
                .param(runId)
                .query(
                        (rs, n) ->
                                new SyncRun.Step(
                                        rs.getInt("position"),
                                        rs.getString("name"),
                                        rs.getString("status"),
                                        instant(rs.getTimestamp("started_at")),
                                        instant(rs.getTimestamp("ended_at")),
                                        rs.getString("summary"),
                                        rs.getString("error")))
                .list();
    }

    private static @Nullable String cut(@Nullable String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<SyncRun> ROW =
            (rs, n) -> {
                String stuck = rs.getString("stuck_on_step");
                return new SyncRun(
                        rs.getLong("id"),
                        rs.getString("public_id"),
                        rs.getLong("company_id"),
                        rs.getString("company_public_id"),
                        rs.getString("trigger"),
                        rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("started_at")),
                        instant(rs.getTimestamp("ended_at")),
                        rs.getString("summary"),
                        rs.getString("error"),
                        stuck == null || stuck.isEmpty() ? null : stuck,
                        List.of());
            };
}
