package dev.gatehouse.kernel.audit.web;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.kernel.audit.AuditEvent;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import java.time.format.DateTimeFormatter;

/** The wire form of an {@link AuditEvent}: snake_case, RFC 3339 UTC times, no internal ids. */
record AuditEventJson(
        String id,
        @JsonProperty("occurred_at") String occurredAt,
        @Nullable String tenant,
        @Nullable String ref,
        @JsonProperty("correlation_id") @Nullable String correlationId,
        ActorJson actor,
        String action,
        @Nullable TargetJson target,
        @Nullable String decision,
        @Nullable String reason,
        @Nullable String ip,
        @JsonProperty("user_agent") @Nullable String userAgent,
        JsonNode details) {

    record ActorJson(String type, String id, @Nullable String label) {}

    record TargetJson(String type, String id) {}

    static AuditEventJson of(AuditEvent e) {
        return new AuditEventJson(
                e.id(),
                DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()),
                e.tenant(),
                e.ref(),
                e.correlationId(),
                new ActorJson(e.actor().type().wireName(), e.actor().id(), e.actor().label()),
                e.action(),
                e.target() == null ? null : new TargetJson(e.target().type(), e.target().id()),
                e.decision() == null ? null : e.decision().wireName(),
                e.reason(),
                e.ip(),
                e.userAgent(),
                e.details());
    }
}
