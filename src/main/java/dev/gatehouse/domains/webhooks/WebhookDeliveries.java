package dev.gatehouse.domains.webhooks;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables {@code webhook_deliveries} (written by {@link WebhookOutbox}) and {@code
 * webhook_attempts}. Only {@link #leaseDue} works across tenants; every other method takes the
 * tenant it works for and filters by it.
 *
 * <p>Design: a delivery is leased by pushing its {@code next_attempt_at} past the time one attempt
 * can take, under {@code FOR UPDATE SKIP LOCKED}, so two nodes never pick the same row at once. The
 * outcome is written with a compare-and-swap on {@code (status, attempts)} as leased: if the lease
 * ran out and another node already recorded the attempt, the late one records nothing.
 */
@Repository
class WebhookDeliveries {

    static final int MAX_ATTEMPTS_SHOWN = 100;

    private final JdbcClient jdbc;
    private final Transactions tx;

    WebhookDeliveries(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * A delivery a node holds for one attempt. {@code attempts} counts the attempts made before.
     */
    record Leased(
            TenantId tenant,
            long id,
            long applicationId,
            String eventId,
            String payload,
            int attempts,
            Instant createdAt) {}

    /** One line of the delivery log. */
    record Attempt(
            int attempt,
            Instant attemptedAt,
            @Nullable Integer statusCode,
            @Nullable String error,
            long durationMs) {}

    /** The state a delivery moves to after an attempt. */
    record Next(
            String status,
            @Nullable Instant nextAttemptAt,
            @Nullable String failureReason,
            @Nullable Instant deliveredAt) {}

    /** A delivery as the log shows it. */
    record Row(
            long id,
            String eventId,
            String applicationPublicId,
            String eventType,
            String status,
            int attempts,
            @Nullable Integer lastStatusCode,
            @Nullable String lastError,
            @Nullable String failureReason,
            @Nullable Instant nextAttemptAt,
            Instant createdAt,
            @Nullable Instant deliveredAt) {}

    /**
     * Leases up to {@code limit} pending deliveries due at {@code now}, of any active tenant, until
     * {@code now + lease}. A suspended tenant's deliveries wait, neither sent nor dropped, and are
     * due again as soon as it is reactivated.
     */
    List<Leased> leaseDue(SystemScope scope, Instant now, Duration lease, int limit) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "update webhook_deliveries set next_attempt_at = ? where id"
                                            + " in ( select id from webhook_deliveries where status"
                                            + " = 'pending' and next_attempt_at <= ? and tenant_id"
                                            + " in (select id from tenants where status = 'active')"
                                            + " order by next_attempt_at limit ? for update skip"
                                            + " locked) returning tenant_id, id, application_id,"
                                            + " event_id, payload, attempts, created_at")
                                .param(Timestamp.from(now.plus(lease)))
                                .param(Timestamp.from(now))
                                .param(limit)
                                .query(
                                        (rs, n) ->
                                                new Leased(
                                                        new TenantId(rs.getLong("tenant_id")),
                                                        rs.getLong("id"),
                                                        rs.getLong("application_id"),
                                                        rs.getString("event_id"),
                                                        rs.getString("payload"),
                                                        rs.getInt("attempts"),
                                                        rs.getTimestamp("created_at").toInstant()))
                                .list());
    }

    /**
     * Records {@code attempt} and moves the delivery to {@code next}, if it is still pending with
     * the attempt count it was leased with; false (and nothing written) otherwise.
     */
    boolean record(TenantId tenant, Leased d, Attempt attempt, Next next) {
        return tx.inTenant(
                tenant,
                () -> {
                    int updated =
                            jdbc.sql(
                                            "update webhook_deliveries set attempts = ?,"
                                                + " last_attempt_at = ?, last_status_code = ?,"
                                                + " last_error = ?, status = ?, next_attempt_at ="
                                                + " ?, failure_reason = ?, delivered_at = ? where"
                                                + " tenant_id = ? and id = ? and status = 'pending'"
                                                + " and attempts = ?")
                                    .param(attempt.attempt())
                                    .param(Timestamp.from(attempt.attemptedAt()))
                                    .param(attempt.statusCode())
                                    .param(attempt.error())
                                    .param(next.status())
                                    .param(timestamp(next.nextAttemptAt()))
                                    .param(next.failureReason())
                                    .param(timestamp(next.deliveredAt()))
                                    .param(tenant.value())
                                    .param(d.id())
                                    .param(d.attempts())
                                    .update();
                    if (updated == 1) {
                        jdbc.sql(
                                        "insert into webhook_attempts (tenant_id, delivery_id,"
                                                + " attempt, attempted_at, status_code, error,"
                                                + " duration_ms) values (?, ?, ?, ?, ?, ?, ?)")
                                .param(tenant.value())
                                .param(d.id())
                                .param(attempt.attempt())
                                .param(Timestamp.from(attempt.attemptedAt()))
                                .param(attempt.statusCode())
                                .param(attempt.error())
                                .param((int) Math.min(Integer.MAX_VALUE, attempt.durationMs()))
                                .update();
                    }
                    return updated == 1;
                });
    }

    /**
     * Ends a pending delivery without an attempt ({@code failed} or {@code disabled}); false if it
     * was not pending.
     */
    boolean close(TenantId tenant, long id, String status, String reason) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update webhook_deliveries set status = ?,"
                                                    + " failure_reason = ?, next_attempt_at = null"
                                                    + " where tenant_id = ? and id = ? and status ="
                                                    + " 'pending'")
                                        .param(status)
                                        .param(reason)
                                        .param(tenant.value())
                                        .param(id)
                                        .update()
                                == 1);
    }

    /**
     * Disables every pending delivery of an application whose webhook was switched off; returns how
     * many.
     */
    int disablePending(TenantId tenant, long applicationId, String reason) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update webhook_deliveries set status = 'disabled',"
                                            + " failure_reason = ?, next_attempt_at = null where"
                                            + " tenant_id = ? and application_id = ? and status ="
                                            + " 'pending'")
                                .param(reason)
                                .param(tenant.value())
                                .param(applicationId)
                                .update());
    }

    /** The internal key of event {@code eventId}, for a cursor. */
    Optional<Long> idOf(TenantId tenant, String eventId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select id from webhook_deliveries where tenant_id = ? and"
                                                + " event_id = ?")
                                .param(tenant.value())
                                .param(eventId)
                                .query(Long.class)
                                .optional());
    }

    /**
     * Up to {@code limit} deliveries below {@code beforeId}, newest first, of one application or
     * all.
     */
    List<Row> list(TenantId tenant, @Nullable Long applicationId, long beforeId, int limit) {
        String sql =
                "select d.id, d.event_id, a.public_id as application_public_id, d.event_type,"
                    + " d.status, d.attempts, d.last_status_code, d.last_error, d.failure_reason,"
                    + " d.next_attempt_at, d.created_at, d.delivered_at from webhook_deliveries d"
                    + " join domain_applications a on a.id = d.application_id where d.tenant_id ="
                    + " :tenant and a.tenant_id = :tenant and d.id < :before"
                        + (applicationId == null ? "" : " and d.application_id = :app")
                        + " order by d.id desc limit :limit";
        return tx.inTenant(
                tenant,
                () -> {
                    JdbcClient.StatementSpec spec =
                            jdbc.sql(sql)
                                    .param("tenant", tenant.value())
                                    .param("before", beforeId)
                                    .param("limit", limit);
                    if (applicationId != null) {
                        spec = spec.param("app", applicationId);
                    }
                    return spec.query(ROW).list();
                });
    }

    /** The latest {@link #MAX_ATTEMPTS_SHOWN} attempts of each delivery, oldest first. */
    Map<Long, List<Attempt>> attemptsOf(TenantId tenant, List<Long> deliveryIds) {
        Map<Long, List<Attempt>> byDelivery = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return byDelivery;
        }
        tx.inTenant(
                tenant,
                () -> {
                    jdbc.sql(
                                    "select delivery_id, attempt, attempted_at, status_code, error,"
                                        + " duration_ms from (select *, row_number() over"
                                        + " (partition by delivery_id order by attempt desc) as rn"
                                        + " from webhook_attempts where tenant_id = ? and"
                                        + " delivery_id = any(?)) recent where rn <= ? order by"
                                        + " delivery_id, attempt")
                            .param(tenant.value())
                            .param(deliveryIds.toArray(Long[]::new))
                            .param(MAX_ATTEMPTS_SHOWN)
                            .query(
                                    rs -> {
                                        byDelivery
                                                .computeIfAbsent(
                                                        rs.getLong("delivery_id"),
                                                        k -> new java.util.ArrayList<>())
                                                .add(
                                                        new Attempt(
                                                                rs.getInt("attempt"),
                                                                rs.getTimestamp("attempted_at")
                                                                        .toInstant(),
                                                                (Integer)
                                                                        rs.getObject("status_code"),
                                                                rs.getString("error"),
                                                                rs.getLong("duration_ms")));
                                    });
                    return null;
                });
        return byDelivery;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static @Nullable Instant instant(java.sql.ResultSet rs, String column)
            throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<Row> ROW =
            (rs, n) ->
                    new Row(
                            rs.getLong("id"),
                            rs.getString("event_id"),
                            rs.getString("application_public_id"),
                            rs.getString("event_type"),
                            rs.getString("status"),
                            rs.getInt("attempts"),
                            (Integer) rs.getObject("last_status_code"),
                            rs.getString("last_error"),
                            rs.getString("failure_reason"),
                            instant(rs, "next_attempt_at"),
                            rs.getTimestamp("created_at").toInstant(),
                            instant(rs, "delivered_at"));
}
