package dev.gatehouse.domains.webhooks;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/webhook-deliveries}: the delivery log, newest first, optionally of one
 * application. It shows what was sent when and how the receiver answered; never the payload, the
 * secret or anything the receiver wrote back.
 */
@RestController
class WebhookDeliveriesController {

    private final WebhookDeliveries deliveries;
    private final Applications applications;

    WebhookDeliveriesController(WebhookDeliveries deliveries, Applications applications) {
        this.deliveries = deliveries;
        this.applications = applications;
    }

    /**
     * One attempt: the status code, or the error class when nothing was answered (or a redirect was
     * refused).
     */
    @Schema(name = "WebhookAttempt")
    record AttemptView(
            Instant attemptedAt,
            @Nullable Integer statusCode,
            @Nullable String error,
            long durationMs) {}

    /**
     * One event's delivery. {@code failure_reason} says why a {@code failed} or {@code disabled}
     * delivery stopped: {@code rejected} (4xx), {@code expired} (24 h of retries), {@code gone}
     * (410), {@code private_target}, {@code invalid_target}, {@code webhook_disabled}, {@code
     * application_deleted}, {@code application_disabled}, {@code no_webhook_url}.
     */
    @Schema(name = "WebhookDelivery")
    record DeliveryView(
            String id,
            String applicationId,
            String eventType,
            @Schema(allowableValues = {"pending", "delivered", "failed", "disabled"}) String status,
            int attempts,
            @Nullable Integer lastStatusCode,
            @Nullable String lastError,
            @Nullable String failureReason,
            @Nullable Instant nextAttemptAt,
            Instant createdAt,
            @Nullable Instant deliveredAt,
            List<AttemptView> attemptLog) {}

    @GetMapping("/v1/webhook-deliveries")
    Page<DeliveryView> list(
            Caller caller,
            @RequestParam(name = "application_id", required = false) @Nullable String applicationId,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_READ);
        PageRequest page = PageRequest.of(limit, cursor);
        Long appId = applicationId == null ? null : application(tenant, applicationId).id();
        // Newest first: the page starts before the cursor's delivery.
        long before =
                page.startAfter(
                        Long.MAX_VALUE,
                        eventId ->
                                PublicIds.looksLike("evt", eventId)
                                        ? deliveries.idOf(tenant, eventId)
                                        : java.util.Optional.empty());
        return page.cutAll(
                deliveries.list(tenant, appId, before, page.fetchSize()),
                WebhookDeliveries.Row::eventId,
                shown -> {
                    Map<Long, List<WebhookDeliveries.Attempt>> attempts =
                            deliveries.attemptsOf(
                                    tenant, shown.stream().map(WebhookDeliveries.Row::id).toList());
                    return shown.stream()
                            .map(r -> view(r, attempts.getOrDefault(r.id(), List.of())))
                            .toList();
                });
    }

    private Application application(TenantId tenant, String publicId) {
        if (!PublicIds.looksLike("app", publicId)) {
            throw noSuchApplication();
        }
        return applications
                .find(tenant, publicId)
                .orElseThrow(WebhookDeliveriesController::noSuchApplication);
    }

    private static DeliveryView view(
            WebhookDeliveries.Row r, List<WebhookDeliveries.Attempt> attempts) {
        return new DeliveryView(
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
                r.deliveredAt(),
                attempts.stream()
                        .map(
                                a ->
                                        new AttemptView(
                                                a.attemptedAt(),
                                                a.statusCode(),
                                                a.error(),
                                                a.durationMs()))
                        .toList());
    }

    private static ApiProblem noSuchApplication() {
        return ApiProblem.notFound("No such application.");
    }
}
