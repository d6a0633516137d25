package dev.gatehouse.domains.webhooks;

import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.DomainsSettings;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.Transactions;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Wires webhook delivery: retries from 5 s doubling to at most 1 h, for 24 h after the event;
 * private targets as {@code WEBHOOKS_ALLOW_PRIVATE_TARGETS} says; the system resolver, asked once
 * per attempt, whose checked answer the transport connects to; one virtual thread per attempt.
 * {@code gatehouse.webhooks.base-delay-ms} changes the first retry's delay.
 */
@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

    static final Duration MAX_DELAY = Duration.ofHours(1);
    static final Duration HORIZON = Duration.ofHours(24);

    /** The HTTP client of every attempt; closed with the context. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(
            name = "gatehouse.products.domains",
            matchIfMissing = true)
    WebhookTransport webhookTransport(Clock clock) {
        return new WebhookTransport(clock);
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(
            name = "gatehouse.products.domains",
            matchIfMissing = true)
    WebhookDispatcher webhookDispatcher(
            WebhookTransport transport,
            WebhookDeliveries deliveries,
            Applications applications,
            WebhookSecrets secrets,
            Transactions tx,
            AuditLog audit,
            Clock clock,
            SecureRandom random,
            Settings settings,
            MeterRegistry meters,
            @Value("${gatehouse.webhooks.base-delay-ms:5000}") long baseDelayMillis) {
        Retries retries =
                new Retries(Duration.ofMillis(baseDelayMillis), MAX_DELAY, HORIZON, random);
        return new WebhookDispatcher(
                deliveries,
                applications,
                secrets,
                transport,
                retries,
                WebhookTargets.SYSTEM,
                settings.section(DomainsSettings.class).webhooksAllowPrivateTargets(),
                tx,
                audit,
                clock,
                Executors.newVirtualThreadPerTaskExecutor(),
                meters);
    }
}
