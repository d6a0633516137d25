package dev.gatehouse.domains;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * One customer hostname being connected to one application.
 *
 * @param id internal key, never shown
 * @param applicationId the application's internal key
 * @param challenge the TXT value that proves ownership; shown to the tenant, never logged
 * @param lastCheck the per-record result of the latest DNS check, empty before the first
 * @param caa the CAA preflight of the latest DNS check; null before the first (and for checks made
 *     before the preflight existed)
 * @param deadlineAt when a {@code pending} or {@code verified} connection fails
 */
public record Connection(
        long id,
        String publicId,
        TenantId tenant,
        long applicationId,
        String applicationPublicId,
        String hostname,
        ConnectionStatus status,
        String challenge,
        @Nullable String endUserRef,
        Instant createdAt,
        @Nullable Instant verifiedAt,
        @Nullable Instant liveAt,
        @Nullable Instant lastCheckedAt,
        List<RecordCheck> lastCheck,
        @Nullable CaaCheck caa,
        @Nullable String failureReason,
        Instant deadlineAt) {

    public Connection {
        lastCheck = List.copyOf(lastCheck);
    }

    /** What the customer must create: the ownership TXT record, then the routing records. */
    public List<DnsRecord> records(String challengeLabel, Target target) {
        java.util.ArrayList<DnsRecord> out = new java.util.ArrayList<>();
        out.add(
                new DnsRecord(
                        DnsRecord.Type.TXT,
                        challengeLabel + "." + hostname,
                        challenge,
                        DnsRecord.Purpose.OWNERSHIP));
        out.addAll(target.routingRecords(hostname));
        return out;
    }
}
