package dev.gatehouse.domains;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A connection as the API, the widget and webhooks show it (snake_case on the wire). No tenant id,
 * no internal key.
 *
 * @param failureReason why it is not (or no longer) live: {@code ownership_not_proven}, {@code
 *     routing_mismatch}, {@code dns_unavailable} (the DNS servers did not answer; retried), {@code
 *     deadline_passed}, {@code hostname_taken}, {@code quota_exceeded}; null when none
 * @param verificationDeadline when a {@code pending} or {@code verified} connection fails if it is
 *     not live by then; null in every other status
 */
public record ConnectionView(
        String id,
        String applicationId,
        String hostname,
        @Schema(allowableValues = {"pending", "verified", "live", "failed", "removed"})
                String status,
        List<RecordView> records,
        @Schema(maxLength = 128) @Nullable String endUserRef,
        Instant createdAt,
        @Nullable Instant verifiedAt,
        @Nullable Instant liveAt,
        @Nullable Instant lastCheckedAt,
        List<CheckView> lastCheck,
        @Nullable String failureReason,
        @Nullable Instant verificationDeadline) {

    /** A record to create. */
    public record RecordView(String type, String name, String value, String purpose) {}

    /** One record of the latest check: expected value, values found, whether it matches. */
    public record CheckView(
            String type,
            String name,
            String expected,
            String purpose,
            List<String> found,
            boolean ok,
            String outcome) {}

    public static ConnectionView of(Connection c, List<DnsRecord> records) {
        return new ConnectionView(
                c.publicId(),
                c.applicationPublicId(),
                c.hostname(),
                c.status().wire(),
                records.stream()
                        .map(
                                r ->
                                        new RecordView(
                                                r.type().name(),
                                                r.name(),
                                                r.value(),
                                                r.purpose().wire()))
                        .toList(),
                c.endUserRef(),
                c.createdAt(),
                c.verifiedAt(),
                c.liveAt(),
                c.lastCheckedAt(),
                c.lastCheck().stream()
                        .map(
                                k ->
                                        new CheckView(
                                                k.record().type().name(),
                                                k.record().name(),
                                                k.record().value(),
                                                k.record().purpose().wire(),
                                                k.found(),
                                                k.ok(),
                                                k.outcome().wire()))
                        .toList(),
                c.failureReason(),
                c.status() == ConnectionStatus.PENDING || c.status() == ConnectionStatus.VERIFIED
                        ? c.deadlineAt()
                        : null);
    }
}
