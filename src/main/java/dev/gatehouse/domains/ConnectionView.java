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
 * @param caa the CAA preflight of the latest check: whether the hostname's CAA records let the
 *     configured certificate authorities issue its certificate; null before the first check
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
        @Nullable CaaView caa,
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

    /**
     * The CAA preflight, checked with the records (at {@code last_checked_at}). {@code forbidden}
     * means no configured CA may issue: the connection can go live, but its certificate will fail
     * until the CAA records change. It never blocks the connection.
     *
     * @param domain where the relevant CAA records were found (the hostname or a parent); null when
     *     none were, or DNS did not answer
     * @param records those records in master-file form, e.g. {@code 0 issue "letsencrypt.org"}
     * @param allowedCas the CAA identifiers of the CAs checked for ({@code DOMAINS_ALLOWED_CAS})
     */
    @Schema(name = "ConnectionCaa")
    public record CaaView(
            @Schema(allowableValues = {"allowed", "forbidden", "unknown"}) String status,
            @Schema(
                            allowableValues = {
                                "no_caa",
                                "no_issue_property",
                                "ca_permitted",
                                "ca_not_permitted",
                                "unknown_critical_property",
                                "dns_unavailable"
                            })
                    String reason,
            @Nullable String domain,
            List<String> records,
            List<String> allowedCas) {

        static @Nullable CaaView of(@Nullable CaaCheck caa) {
            return caa == null
                    ? null
                    : new CaaView(
                            caa.status().wire(),
                            caa.reason().wire(),
                            caa.domain(),
                            caa.records(),
                            caa.allowedCas());
        }
    }

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
                CaaView.of(c.caa()),
                c.failureReason(),
                c.status() == ConnectionStatus.PENDING || c.status() == ConnectionStatus.VERIFIED
                        ? c.deadlineAt()
                        : null);
    }
}
