package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A stored audit event, as redacted and stored. Never carries internal ids.
 *
 * @param id public id, {@code evt_…}
 * @param tenant the tenant's public id ({@code ten_…}), or null for a platform event
 * @param occurredAt when it happened, microsecond precision, UTC
 * @param ref the server's id of the request ({@code req_…}), if the event was recorded in one
 * @param correlationId the client's own {@code X-Request-Id} of that request, redacted, if it sent
 *     a well-formed one; never an identifier Gatehouse vouches for
 * @param actor who did it
 * @param action e.g. {@code api_key.created}
 * @param target what it was done to, if anything
 * @param decision allow or deny, when the event records a decision
 * @param reason reason code, if any
 * @param ip client address, if any
 * @param userAgent user agent, if any
 * @param details redacted details (a JSON object)
 */
public record AuditEvent(
        String id,
        @Nullable String tenant,
        Instant occurredAt,
        @Nullable String ref,
        @Nullable String correlationId,
        Actor actor,
        String action,
        @Nullable Target target,
        @Nullable Decision decision,
        @Nullable String reason,
        @Nullable String ip,
        @Nullable String userAgent,
        JsonNode details) {}
