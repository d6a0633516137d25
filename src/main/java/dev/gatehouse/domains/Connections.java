package dev.gatehouse.domains;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code domain_connections} table. Tenant methods take the {@link TenantId} they work for; the
 * two cross-tenant methods take the {@link SystemScope} their caller opened. Status changes are
 * compare-and-swap: they name the status they expect and report whether they won.
 */
@Repository
public class Connections {

    private static final String COLUMNS =
            """
            c.id, c.public_id, c.tenant_id, c.application_id, a.public_id as application_public_id, c.hostname, \
            c.status, c.challenge, c.end_user_ref, c.created_at, c.verified_at, c.live_at, c.last_checked_at, \
            c.last_check::text as last_check, c.failure_reason, c.deadline_at\
            """;
    private static final String FROM =
            " from domain_connections c join domain_applications a on a.id = c.application_id";

    private final JdbcClient jdbc;
    private final Transactions tx;

    Connections(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    record NewConnection(
            String publicId,
            long applicationId,
            String hostname,
            String challenge,
            @Nullable String endUserRef,
            Instant now,
            Instant deadlineAt) {}

    long insert(TenantId tenant, NewConnection c) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into domain_connections (public_id, tenant_id,"
                                            + " application_id, hostname, status, challenge,"
                                            + " end_user_ref, created_at, updated_at, deadline_at,"
                                            + " next_check_at) values (?, ?, ?, ?, 'pending', ?, ?,"
                                            + " ?, ?, ?, ?) returning id")
                                .param(c.publicId())
                                .param(tenant.value())
                                .param(c.applicationId())
                                .param(c.hostname())
                                .param(c.challenge())
                                .param(c.endUserRef())
                                .param(Timestamp.from(c.now()))
                                .param(Timestamp.from(c.now()))
                                .param(Timestamp.from(c.deadlineAt()))
                                .param(Timestamp.from(c.now().plusSeconds(60)))
                                .query(Long.class)
                                .single());
    }

    public Optional<Connection> find(TenantId tenant, long applicationId, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + FROM
                                                + " where c.tenant_id = ? and c.application_id = ?"
                                                + " and c.public_id = ?")
                                .param(tenant.value())
                                .param(applicationId)
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    public Optional<Connection> findById(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("select " + COLUMNS + FROM + " where c.tenant_id = ? and c.id = ?")
                                .param(tenant.value())
                                .param(id)
                                .query(ROW)
                                .optional());
    }

    /** The application's connection for {@code hostname} that is not removed, if any. */
    Optional<Connection> findOpen(TenantId tenant, long applicationId, String hostname) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + FROM
                                                + " where c.tenant_id = ? and c.application_id = ?"
                                                + " and c.hostname = ? and c.status <> 'removed'")
                                .param(tenant.value())
                                .param(applicationId)
                                .param(hostname)
                                .query(ROW)
                                .optional());
    }

    /**
     * Up to {@code limit} connections above {@code afterId}, oldest first, optionally of one
     * status.
     */
    public List<Connection> list(
            TenantId tenant,
            long applicationId,
            @Nullable ConnectionStatus status,
            long afterId,
            int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + FROM
                                                + " where c.tenant_id = ? and c.application_id = ?"
                                                + " and c.id > ? and (?::text is null or c.status ="
                                                + " ?::text) order by c.id limit ?")
                                .param(tenant.value())
                                .param(applicationId)
                                .param(afterId)
                                .param(status == null ? null : status.wire())
                                .param(status == null ? null : status.wire())
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /** Connections holding quota: neither removed nor failed. */
    long countHoldingQuota(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select count(*) from domain_connections where tenant_id ="
                                                + " ? and status not in ('removed', 'failed')")
                                .param(tenant.value())
                                .query(Long.class)
                                .single());
    }

    /** True when {@code hostname} is verified or live under another application, of any tenant. */
    boolean claimedElsewhere(SystemScope scope, String hostname, long applicationId) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "select exists (select 1 from domain_connections where"
                                            + " hostname = ? and status in ('verified', 'live') and"
                                            + " application_id <> ?)")
                                .param(hostname)
                                .param(applicationId)
                                .query(Boolean.class)
                                .single());
    }

    /**
     * Moves the connection from {@code from} to {@code to} if it is still in {@code from}; true
     * when this call made the change. Sets the timestamp that belongs to the new status.
     */
    boolean compareAndSet(
            TenantId tenant,
            long id,
            ConnectionStatus from,
            ConnectionStatus to,
            @Nullable String reason,
            Instant now,
            @Nullable Instant newDeadline) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update domain_connections set status = :to,"
                                                    + " updated_at = :now, failure_reason ="
                                                    + " :reason, verified_at = case when :to ="
                                                    + " 'verified' and verified_at is null then"
                                                    + " :now   when :to = 'verified' and :from ="
                                                    + " 'failed' then :now else verified_at end,"
                                                    + " live_at = case when :to = 'live' then :now"
                                                    + " else live_at end, removed_at = case when"
                                                    + " :to = 'removed' then :now else removed_at"
                                                    + " end, deadline_at = coalesce(:deadline,"
                                                    + " deadline_at) where tenant_id = :tenant and"
                                                    + " id = :id and status = :from")
                                        .param("to", to.wire())
                                        .param("from", from.wire())
                                        .param("reason", reason)
                                        .param("now", Timestamp.from(now))
                                        .param(
                                                "deadline",
                                                newDeadline == null
                                                        ? null
                                                        : Timestamp.from(newDeadline))
                                        .param("tenant", tenant.value())
                                        .param("id", id)
                                        .update()
                                == 1);
    }

    /** The status the connection holds now, read inside the current transaction. */
    Optional<ConnectionStatus> status(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select status from domain_connections where tenant_id = ?"
                                                + " and id = ?")
                                .param(tenant.value())
                                .param(id)
                                .query(String.class)
                                .optional()
                                .map(s -> ConnectionStatus.fromWire(s).orElseThrow()));
    }

    void recordCheck(
            TenantId tenant,
            long id,
            List<RecordCheck> checks,
            @Nullable CaaCheck caa,
            Instant now,
            @Nullable String failureReason) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update domain_connections set last_check = ?::jsonb,"
                                            + " last_checked_at = ?, failure_reason = coalesce(?,"
                                            + " failure_reason) where tenant_id = ? and id = ?")
                                .param(LastCheckJson.write(checks, caa))
                                .param(Timestamp.from(now))
                                .param(failureReason)
                                .param(tenant.value())
                                .param(id)
                                .update());
    }

    void scheduleNextCheck(TenantId tenant, long id, @Nullable Instant at) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update domain_connections set next_check_at = ?,"
                                            + " check_count = check_count + 1 where tenant_id = ?"
                                            + " and id = ?")
                                .param(at == null ? null : Timestamp.from(at))
                                .param(tenant.value())
                                .param(id)
                                .update());
    }

    /** A connection the worker has leased: nobody else checks it until the lease ends. */
    record Due(TenantId tenant, long id) {}

    /**
     * Leases up to {@code limit} connections whose check is due, across tenants: their {@code
     * next_check_at} moves to {@code now + lease}, so no other node picks them meanwhile ({@code
     * FOR UPDATE SKIP LOCKED} keeps two nodes from leasing the same row).
     */
    List<Due> leaseDue(SystemScope scope, Instant now, Duration lease, int limit) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "update domain_connections set next_check_at = ? where id"
                                            + " in ( select id from domain_connections where status"
                                            + " in ('pending', 'verified', 'live') and"
                                            + " next_check_at <= ? order by next_check_at limit ?"
                                            + " for update skip locked) returning tenant_id, id")
                                .param(Timestamp.from(now.plus(lease)))
                                .param(Timestamp.from(now))
                                .param(limit)
                                .query(
                                        (rs, n) ->
                                                new Due(
                                                        new TenantId(rs.getLong("tenant_id")),
                                                        rs.getLong("id")))
                                .list());
    }

    /** Removes every open connection of an application; returns the hostnames that were live. */
    List<String> removeAllOf(TenantId tenant, long applicationId, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc
                                .sql(
                                        "update domain_connections c set status = 'removed',"
                                            + " removed_at = ?, updated_at = ?, next_check_at ="
                                            + " null from domain_connections old where old.id ="
                                            + " c.id and c.tenant_id = ? and c.application_id = ?"
                                            + " and c.status <> 'removed' returning c.id,"
                                            + " c.hostname, old.status as old_status")
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(applicationId)
                                .query(
                                        (rs, n) ->
                                                "live".equals(rs.getString("old_status"))
                                                        ? rs.getString("hostname")
                                                        : null)
                                .list()
                                .stream()
                                .filter(java.util.Objects::nonNull)
                                .toList());
    }

    static final RowMapper<Connection> ROW =
            (rs, n) -> {
                String json = rs.getString("last_check");
                LastCheckJson.Stored lastCheck =
                        json == null
                                ? new LastCheckJson.Stored(List.of(), null)
                                : LastCheckJson.read(json);
                return new Connection(
                        rs.getLong("id"),
                        rs.getString("public_id"),
                        new TenantId(rs.getLong("tenant_id")),
                        rs.getLong("application_id"),
                        rs.getString("application_public_id"),
                        rs.getString("hostname"),
                        ConnectionStatus.fromWire(rs.getString("status")).orElseThrow(),
                        rs.getString("challenge"),
                        rs.getString("end_user_ref"),
                        rs.getTimestamp("created_at").toInstant(),
                        Applications.instant(rs, "verified_at"),
                        Applications.instant(rs, "live_at"),
                        Applications.instant(rs, "last_checked_at"),
                        lastCheck.records(),
                        lastCheck.caa(),
                        rs.getString("failure_reason"),
                        rs.getTimestamp("deadline_at").toInstant());
            };
}
