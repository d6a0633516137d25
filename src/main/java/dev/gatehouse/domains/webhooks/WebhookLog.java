package dev.gatehouse.domains.webhooks;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** The read side of the delivery log, for the portal: a tenant's most recent deliveries. */
@Component
public class WebhookLog {

    /** The most deliveries {@link #recent} returns. */
    public static final int MAX = 100;

    private final WebhookDeliveries deliveries;

    WebhookLog(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    /**
     * One delivery: the event (its id is the {@code webhook-id}), where it stands, and its last
     * attempt.
     */
    public record Delivery(
            String eventId,
            String applicationId,
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
     * Up to {@code limit} (at most {@link #MAX}) deliveries, newest first.
     *
     * @param applicationId an application's internal key, or null for all of the tenant's
     */
    public List<Delivery> recent(TenantId tenant, @Nullable Long applicationId, int limit) {
        return deliveries
                .list(tenant, applicationId, Long.MAX_VALUE, Math.clamp(limit, 1, MAX))
                .stream()
                .map(
                        r ->
                                new Delivery(
                                        r.eventId(),
                                        r.applicationPublicId(),
                                        r.eventType(),
                                        r.status(),
                                        r.attempts(),
                                        r.lastStatusCode(),
                                        r.lastError(),
                                        r.failureReason(),
                                        r.nextAttemptAt(),
                                        r.createdAt(),
                                        r.deliveredAt()))
                .toList();
    }
}
