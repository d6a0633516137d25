package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sync_locks} table and its only owner: one lease per company, held by an owner token.
 * Acquiring succeeds only when no lease is held (an expired one must first be reaped by {@link
 * #reapExpired}, which records why it ended); only the token's owner releases or advances it.
 */
@Repository
class SyncLocks {

    private final JdbcClient jdbc;
    private final Transactions tx;

    SyncLocks(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A held or reaped lease. */
    record Lease(
            long companyId,
            TenantId tenant,
            String ownerToken,
            String runId,
            Instant acquiredAt,
            Instant expiresAt,
            @Nullable String currentStep) {}

    /** Takes the company's lease for {@code runId}; false when any lease is held. */
    boolean acquire(
            TenantId tenant,
            long companyId,
            String token,
            String runId,
            Instant now,
            Instant expires) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "insert into sync_locks (company_id, tenant_id,"
                                                    + " owner_token, run_public_id, acquired_at,"
                                                    + " expires_at) values (?, ?, ?, ?, ?, ?) on"
                                                    + " conflict (company_id) do nothing")
                                        .param(companyId)
                                        .param(tenant.value())
                                        .param(token)
                                        .param(runId)
                                        .param(Timestamp.from(now))
                                        .param(Timestamp.from(expires))
                                        .update()
                                == 1);
    }

    /**
     * Records the step the owner is on (what an auto-release reports as stuck) and renews the lease
     * until {@code expires}: each step is bounded by its own timeout, so a lease renewed at every
     * step runs out only when a run stops making progress.
     */
    void onStep(TenantId tenant, long companyId, String token, String step, Instant expires) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update sync_locks set current_step = ?, expires_at = ?"
                                                + " where tenant_id = ? and company_id = ? and"
                                                + " owner_token = ?")
                                .param(step)
                                .param(Timestamp.from(expires))
                                .param(tenant.value())
                                .param(companyId)
                                .param(token)
                                .update());
    }

    /** Releases the lease if {@code token} still owns it; false otherwise. */
    boolean release(TenantId tenant, long companyId, String token) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "delete from sync_locks where tenant_id = ? and"
                                                        + " company_id = ? and owner_token = ?")
                                        .param(tenant.value())
                                        .param(companyId)
                                        .param(token)
                                        .update()
                                == 1);
    }

    /** The company's lease, if any. */
    Optional<Lease> held(TenantId tenant, long companyId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("select * from sync_locks where tenant_id = ? and company_id = ?")
                                .param(tenant.value())
                                .param(companyId)
                                .query(ROW)
                                .optional());
    }

    /** Releases the company's lease whoever holds it (an operator's force-release). */
    Optional<Lease> forceRelease(TenantId tenant, long companyId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "delete from sync_locks where tenant_id = ? and company_id"
                                                + " = ? returning *")
                                .param(tenant.value())
                                .param(companyId)
                                .query(ROW)
                                .optional());
    }

    /** Deletes every lease expired at {@code now} and returns them; each is returned once. */
    List<Lease> reapExpired(SystemScope scope, Instant now) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("delete from sync_locks where expires_at < ? returning *")
                                .param(Timestamp.from(now))
                                .query(ROW)
                                .list());
    }

    private static final RowMapper<Lease> ROW =
            (rs, n) ->
                    new Lease(
                            rs.getLong("company_id"),
                            new TenantId(rs.getLong("tenant_id")),
                            rs.getString("owner_token"),
                            rs.getString("run_public_id"),
                            rs.getTimestamp("acquired_at").toInstant(),
                            rs.getTimestamp("expires_at").toInstant(),
                            rs.getString("current_step"));
}
