package dev.gatehouse.kernel.audit.web;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.kernel.audit.AuditEvent;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import java.time.format.DateTimeFormatter;

/** The wire form of an {@link AuditEvent}: snake_case, RFC 3339 UTC times, no internal ids. */
@Schema(name = "AuditEvent")
record AuditEventJson(
        String id,
        @JsonProperty("occurred_at") @Schema(format = "date-time") String occurredAt,
        @Nullable String tenant,
        @Nullable String ref,
        @JsonProperty("correlation_id") @Nullable String correlationId,
        ActorJson actor,
        String action,
        @Nullable TargetJson target,
        @Schema(allowableValues = {"allow", "deny"}) @Nullable String decision,
        @Nullable String reason,
        @Nullable String ip,
        @JsonProperty("user_agent") @Nullable String userAgent,
        @Schema(type = "object", description = "The action's own fields.") JsonNode details) {

    @Schema(name = "AuditActor")
    record ActorJson(String type, String id, @Nullable String label) {}

    @Schema(name = "AuditTarget")
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
