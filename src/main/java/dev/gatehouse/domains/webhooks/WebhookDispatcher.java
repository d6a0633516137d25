package dev.gatehouse.domains.webhooks;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.RevealedSecret;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends the webhook outbox, on every node.
 *
 * <p>Design: each poll leases a batch of due deliveries of any tenant (the system scope, opened
 * here only to find due rows: {@link WebhookDeliveries#leaseDue}); the lease outlasts one attempt,
 * so no other node takes them meanwhile. Each leased delivery is then handled on its own virtual
 * thread, outside any transaction: the application is re-read (deleted, disabled, no URL or a
 * webhook switched off by a 410 end the delivery without sending), the target is checked against
 * the addresses its host resolves to now, the secret is opened only to sign, and the event is
 * posted to the address the check passed (the name is not resolved again). {@link Retries} turns
 * the outcome into the next state, written with a compare-and-swap; a 410 also switches the
 * application's webhook off and disables its other pending deliveries, in the same transaction.
 * Delivery is at least once: a node that dies after sending but before recording leaves the lease
 * to expire, and the event is sent again with the same {@code webhook-id}, which receivers use to
 * de-duplicate.
 */
final class WebhookDispatcher {

    static final Duration LEASE = Duration.ofSeconds(60);
    static final int BATCH = 16;
    private static final int MAX_BATCHES_PER_POLL = 20;
    private static final SystemScope DUE_DELIVERIES =
            new SystemScope("webhooks: lease due deliveries of every tenant");
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** The values of {@code gatehouse_webhooks_deliveries_total{outcome}}. */
    enum Outcome {
        DELIVERED,
        RETRY,
        FAILED,
        DISABLED,
        REFUSED
    }

    private final WebhookDeliveries deliveries;
    private final Applications applications;
    private final WebhookSecrets secrets;
    private final WebhookTransport transport;
    private final Retries retries;
    private final WebhookTargets.Resolver resolver;
    private final boolean allowPrivate;
    private final Transactions tx;
    private final AuditLog audit;
    private final Clock clock;
    private final Executor executor;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    WebhookDispatcher(
            WebhookDeliveries deliveries,
            Applications applications,
            WebhookSecrets secrets,
            WebhookTransport transport,
            Retries retries,
            WebhookTargets.Resolver resolver,
            boolean allowPrivate,
            Transactions tx,
            AuditLog audit,
            Clock clock,
            Executor executor,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.applications = applications;
        this.secrets = secrets;
        this.transport = transport;
        this.retries = retries;
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.executor = executor;
        for (Outcome o : Outcome.values()) {
            counters.put(
                    o,
                    Counter.builder("gatehouse.webhooks.deliveries")
                            .description("Webhook delivery attempts and closures by outcome")
                            .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT))
                            .register(meters));
        }
    }

    /**
     * Every {@code gatehouse.webhooks.poll-ms} (default 1 s): send what is due, batch after batch.
     */
    @Scheduled(
            fixedDelayString = "${gatehouse.webhooks.poll-ms:1000}",
            initialDelayString = "${gatehouse.webhooks.poll-ms:1000}")
    void poll() {
        try {
            for (int i = 0; i < MAX_BATCHES_PER_POLL && runOnce() == BATCH; i++) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            // Typically the database is away; this runs every second, so one line, the trace at
            // debug.
            log.warn(
                    "webhook dispatch failed ({}); leased deliveries are retried when their lease"
                            + " ends",
                    e.getClass().getSimpleName());
            log.debug("webhook dispatch failure", e);
        }
    }

    /** Leases one batch of due deliveries and attempts each; returns how many were leased. */
    int runOnce() {
        List<WebhookDeliveries.Leased> due =
                deliveries.leaseDue(DUE_DELIVERIES, clock.instant(), LEASE, BATCH);
        CompletableFuture.allOf(
                        due.stream()
                                .map(
                                        d ->
                                                CompletableFuture.runAsync(
                                                        () -> attemptSafely(d), executor))
                                .toArray(CompletableFuture[]::new))
                .join();
        return due.size();
    }

    private void attemptSafely(WebhookDeliveries.Leased d) {
        try {
            attempt(d);
        } catch (RuntimeException e) {
            log.warn(
                    "webhook delivery {} failed unexpectedly; retried when its lease ends",
                    d.eventId(),
                    e);
        }
    }

    private void attempt(WebhookDeliveries.Leased d) {
        Optional<Application> found = applications.findById(d.tenant(), d.applicationId());
        if (found.isEmpty()) {
            close(d, "failed", "application_deleted", Outcome.FAILED);
            return;
        }
        Application app = found.get();
        String url = app.webhookUrl();
        if (!app.active()) {
            close(d, "failed", "application_disabled", Outcome.FAILED);
        } else if (url == null) {
            close(d, "failed", "no_webhook_url", Outcome.FAILED);
        } else if (app.webhookDisabledAt() != null) {
            close(d, "disabled", "webhook_disabled", Outcome.DISABLED);
        } else {
            Instant now = clock.instant();
            switch (WebhookTargets.atSendTime(url, allowPrivate, resolver)) {
                case WebhookTargets.SendCheck.Refused(String reason) ->
                        conclude(
                                d,
                                app,
                                new Retries.Outcome.Unsent(reason, false),
                                now,
                                Duration.ZERO);
                case WebhookTargets.SendCheck.Unresolved u ->
                        conclude(
                                d,
                                app,
                                new Retries.Outcome.Unsent("dns_error", true),
                                now,
                                Duration.ZERO);
                case WebhookTargets.SendCheck.Allowed allowed -> send(d, app, allowed);
            }
        }
    }

    private void send(
            WebhookDeliveries.Leased d, Application app, WebhookTargets.SendCheck.Allowed target) {
        Instant now = clock.instant();
        Optional<WebhookSigner.Headers> headers =
                applications
                        .sealedWebhookSecret(d.tenant(), app.id())
                        .flatMap(stored -> sign(d, app, stored, now));
        if (headers.isEmpty()) {
            conclude(
                    d,
                    app,
                    new Retries.Outcome.Unsent("secret_unavailable", true),
                    now,
                    Duration.ZERO);
            return;
        }
        WebhookTransport.Sent sent = transport.post(target, headers.get(), d.payload());
        conclude(d, app, sent.outcome(), now, sent.took());
    }

    private Optional<WebhookSigner.Headers> sign(
            WebhookDeliveries.Leased d, Application app, String sealed, Instant at) {
        return switch (secrets.open(d.tenant(), app.publicId(), sealed)) {
            case Opened.Failed(Opened.Failure reason) -> {
                log.error(
                        "webhook secret of an application does not open ({}); delivery {} waits",
                        reason,
                        d.eventId());
                yield Optional.empty();
            }
            case Opened.Revealed(RevealedSecret secret) -> {
                try (secret) {
                    byte[] plain = secret.bytes();
                    byte[] key = WebhookSigner.key(plain);
                    Arrays.fill(plain, (byte) 0);
                    try {
                        yield Optional.of(WebhookSigner.sign(key, d.eventId(), at, d.payload()));
                    } finally {
                        Arrays.fill(key, (byte) 0);
                    }
                } catch (IllegalArgumentException malformed) {
                    log.error(
                            "webhook secret of an application is not a whsec_ secret; delivery {}"
                                    + " waits",
                            d.eventId());
                    yield Optional.empty();
                }
            }
        };
    }

    private void conclude(
            WebhookDeliveries.Leased d,
            Application app,
            Retries.Outcome outcome,
            Instant started,
            Duration took) {
        int attempt = d.attempts() + 1;
        Instant now = clock.instant();
        Retries.Verdict verdict = retries.after(outcome, attempt, d.createdAt(), now);
        Integer code = outcome instanceof Retries.Outcome.Answered a ? a.status() : null;
        var line =
                new WebhookDeliveries.Attempt(
                        attempt, started, code, Retries.error(outcome), took.toMillis());
        var next =
                switch (verdict) {
                    case Retries.Verdict.Delivered v ->
                            new WebhookDeliveries.Next("delivered", null, null, now);
                    case Retries.Verdict.Retry(Instant at) ->
                            new WebhookDeliveries.Next("pending", at, null, null);
                    case Retries.Verdict.GiveUp(String reason) ->
                            new WebhookDeliveries.Next("failed", null, reason, null);
                    case Retries.Verdict.Disable(String reason) ->
                            new WebhookDeliveries.Next("disabled", null, reason, null);
                };
        boolean recorded =
                tx.inTenant(
                        d.tenant(),
                        () -> {
                            if (!deliveries.record(d.tenant(), d, line, next)) {
                                return false;
                            }
                            if (verdict instanceof Retries.Verdict.Disable) {
                                applications.disableWebhook(d.tenant(), app.id(), now);
                                deliveries.disablePending(d.tenant(), app.id(), "webhook_disabled");
                            }
                            return true;
                        });
        if (!recorded) {
            log.info(
                    "webhook delivery {} was recorded by another node meanwhile; this attempt is"
                            + " not logged",
                    d.eventId());
            return;
        }
        if (verdict instanceof Retries.Verdict.Disable) {
            audit.recordAsync(
                    AuditEntry.of(
                                    d.tenant(),
                                    Actor.system("webhooks"),
                                    "application.webhook_disabled")
                            .withTarget("application", app.publicId())
                            .withReason("gone"));
        }
        Objects.requireNonNull(
                        counters.get(
                                switch (verdict) {
                                    case Retries.Verdict.Delivered v -> Outcome.DELIVERED;
                                    case Retries.Verdict.Retry r -> Outcome.RETRY;
                                    case Retries.Verdict.GiveUp(String reason)
                                            when reason.equals("private_target") ->
                                            Outcome.REFUSED;
                                    case Retries.Verdict.GiveUp g -> Outcome.FAILED;
                                    case Retries.Verdict.Disable x -> Outcome.DISABLED;
                                }))
                .increment();
    }

    private void close(WebhookDeliveries.Leased d, String status, String reason, Outcome outcome) {
        if (deliveries.close(d.tenant(), d.id(), status, reason)) {
            Objects.requireNonNull(counters.get(outcome)).increment();
        }
    }
}
