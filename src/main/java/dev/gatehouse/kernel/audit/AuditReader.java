package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.util.function.Consumer;

/**
 * Reads one tenant's audit log. Every method sees only {@code tenant}'s events (filtered in SQL and
 * again by row-level security). Thread-safe.
 */
public interface AuditReader {

    /** One page of events matching {@code query}, newest first. */
    AuditPage query(TenantId tenant, AuditQuery query);

    /**
     * Streams up to {@code maxRows} events matching {@code query} (its limit is ignored), newest
     * first, to {@code sink}. Rows are fetched in pages; no transaction is held while {@code sink}
     * runs.
     *
     * @return the number of events passed to {@code sink}
     */
    long export(TenantId tenant, AuditQuery query, long maxRows, Consumer<AuditEvent> sink);

    /**
     * One of {@code tenant}'s events; empty for another tenant's event, exactly as for a missing
     * one.
     */
    java.util.Optional<AuditEvent> find(TenantId tenant, String publicId);

    /** Walks {@code tenant}'s hash chain and reports the first broken link. */
    Verification verify(TenantId tenant);
}
