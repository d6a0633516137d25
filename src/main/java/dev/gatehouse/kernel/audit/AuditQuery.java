package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Filters of an audit query; every non-null filter must match. Results come newest first.
 *
 * @param action exact action name
 * @param actorId exact actor id
 * @param targetId exact target id
 * @param decision allow or deny
 * @param from inclusive lower bound of {@code occurred_at}
 * @param to exclusive upper bound of {@code occurred_at}; after {@code from}
 * @param ref exact correlation id
 * @param limit page size, 1–100 (ignored by export)
 * @param cursor continue after this position
 */
public record AuditQuery(
        @Nullable String action,
        @Nullable String actorId,
        @Nullable String targetId,
        @Nullable Decision decision,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String ref,
        int limit,
        @Nullable AuditCursor cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, was " + from + " / " + to);
        }
    }

    /** Everything, first page, default size. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    public AuditQuery withLimit(int newLimit) {
        return new AuditQuery(action, actorId, targetId, decision, from, to, ref, newLimit, cursor);
    }

    public AuditQuery withCursor(@Nullable AuditCursor newCursor) {
        return new AuditQuery(action, actorId, targetId, decision, from, to, ref, limit, newCursor);
    }
}
