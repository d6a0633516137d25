package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository of {@code audit_events}: multi-row inserts and filtered, keyset-paginated reads.
 * Runs in the caller's transaction; the caller binds it ({@code Transactions}). There is no update
 * or delete: the application's role may not.
 */
final class AuditEventStore {

    /** 16 columns per row keeps one statement well under PostgreSQL's 65,535 parameters. */
    static final int MAX_ROWS_PER_STATEMENT = 1_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditEventStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts {@code rows}, one statement per {@value #MAX_ROWS_PER_STATEMENT} rows. */
    void insert(List<EventRow> rows) {
        for (int start = 0; start < rows.size(); start += MAX_ROWS_PER_STATEMENT) {
            insertChunk(rows.subList(start, Math.min(rows.size(), start + MAX_ROWS_PER_STATEMENT)));
        }
    }

    private void insertChunk(List<EventRow> rows) {
        String oneRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)";
        var sql = new StringBuilder("insert into audit_events (" + EventRow.COLUMNS + ") values ");
        var params = new ArrayList<@Nullable Object>(rows.size() * EventRow.COLUMN_COUNT);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? oneRow : ", " + oneRow);
            params.addAll(Arrays.asList(rows.get(i).values()));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** An event with its internal id, for cursors. */
    record Found(long id, AuditEvent event) {}

    /** Up to {@code fetch} events of {@code tenant} matching {@code query}, newest first. */
    List<Found> find(TenantId tenant, AuditQuery query, int fetch) {
        var sql =
                new StringBuilder(
                        "select e.id, "
                                + EventRow.SELECT_COLUMNS
                                + ", t.public_id as tenant_public_id from audit_events e left join"
                                + " tenants t on t.id = e.tenant_id where e.tenant_id = :tenant");
        var params = new LinkedHashMap<String, Object>();
        params.put("tenant", tenant.value());
        filter(sql, params, "e.action = :action", "action", query.action());
        filter(sql, params, "e.actor_id = :actor", "actor", query.actorId());
        filter(sql, params, "e.target_id = :target", "target", query.targetId());
        filter(
                sql,
                params,
                "e.decision = :decision",
                "decision",
                query.decision() == null ? null : query.decision().wireName());
        filter(
                sql,
                params,
                "e.occurred_at >= :from",
                "from",
                query.from() == null
                        ? null
                        : OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        filter(
                sql,
                params,
                "e.occurred_at < :to",
                "to",
                query.to() == null ? null : OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        filter(sql, params, "e.ref = :ref", "ref", query.ref());
        filter(
                sql,
                params,
                "e.id < (select c.id from audit_events c where c.tenant_id = :tenant"
                        + " and c.public_id = :before)",
                "before",
                query.cursor() == null ? null : query.cursor().afterEventId());
        sql.append(" order by e.id desc limit :fetch");
        params.put("fetch", fetch);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Found(rs.getLong("id"), toEvent(rs)))
                .list();
    }

    /** One event of {@code tenant} by its public id. */
    java.util.Optional<AuditEvent> findOne(TenantId tenant, String publicId) {
        return jdbc.sql(
                        "select e.id, "
                                + EventRow.SELECT_COLUMNS
                                + ", t.public_id as tenant_public_id"
                                + " from audit_events e left join tenants t on t.id = e.tenant_id"
                                + " where e.tenant_id = :tenant and e.public_id = :id")
                .param("tenant", tenant.value())
                .param("id", publicId)
                .query((rs, n) -> toEvent(rs))
                .optional();
    }

    private static void filter(
            StringBuilder sql,
            Map<String, Object> params,
            String condition,
            String name,
            @Nullable Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.put(name, value);
        }
    }

    private AuditEvent toEvent(ResultSet rs) throws SQLException {
        EventRow row = EventRow.read(rs);
        return new AuditEvent(
                row.publicId(),
                rs.getString("tenant_public_id"),
                row.occurredAt(),
                row.ref(),
                row.correlationId(),
                new Actor(Actor.Type.fromWire(row.actorType()), row.actorId(), row.actorLabel()),
                row.action(),
                row.targetType() == null || row.targetId() == null
                        ? null
                        : new Target(row.targetType(), row.targetId()),
                row.decision() == null ? null : Decision.fromWire(row.decision()),
                row.reason(),
                row.ip(),
                row.userAgent(),
                json.readTree(row.detailsJson()));
    }
}
