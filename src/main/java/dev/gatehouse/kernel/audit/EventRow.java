package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One {@code audit_events} row exactly as stored (after redaction), without its internal id. The
 * hash chain is computed from these values, read back from the database, so what is hashed is what
 * a reader sees.
 */
record EventRow(
        String publicId,
        @Nullable Long tenantId,
        Instant occurredAt,
        @Nullable String ref,
        String actorType,
        String actorId,
        @Nullable String actorLabel,
        String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable String decision,
        @Nullable String reason,
        @Nullable String ip,
        @Nullable String userAgent,
        String detailsJson) {

    /** Columns in insert and hash order; select them as {@code details::text}. */
    static final String COLUMNS =
            "public_id, tenant_id, occurred_at, ref, actor_type, actor_id, actor_label, action, "
                    + "target_type, target_id, decision, reason, ip, user_agent, details";

    /** The same columns for a select from {@code audit_events e}, details as text. */
    static final String SELECT_COLUMNS =
            "e.public_id, e.tenant_id, e.occurred_at, e.ref, e.actor_type, e.actor_id,"
                    + " e.actor_label, e.action, e.target_type, e.target_id, e.decision, e.reason,"
                    + " e.ip, e.user_agent, e.details::text as details";

    static final int COLUMN_COUNT = 15;

    /** Reads the columns of {@link #SELECT_COLUMNS} from the current row. */
    static EventRow read(ResultSet rs) throws SQLException {
        long tenant = rs.getLong("tenant_id");
        Long tenantId = rs.wasNull() ? null : tenant;
        return new EventRow(
                rs.getString("public_id"),
                tenantId,
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("ref"),
                rs.getString("actor_type"),
                rs.getString("actor_id"),
                rs.getString("actor_label"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("decision"),
                rs.getString("reason"),
                rs.getString("ip"),
                rs.getString("user_agent"),
                rs.getString("details"));
    }

    /** The values in {@link #COLUMNS} order, for a parameterized insert. */
    Object[] values() {
        return new Object[] {
            publicId,
            tenantId,
            OffsetDateTime.ofInstant(occurredAt, java.time.ZoneOffset.UTC),
            ref,
            actorType,
            actorId,
            actorLabel,
            action,
            targetType,
            targetId,
            decision,
            reason,
            ip,
            userAgent,
            detailsJson
        };
    }
}
