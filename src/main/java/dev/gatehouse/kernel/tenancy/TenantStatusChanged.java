package dev.gatehouse.kernel.tenancy;

/**
 * A tenant was suspended or re-activated. Published synchronously inside the transaction that
 * changes the status, so listeners can make their own changes (for example, invalidate caches on
 * every node) commit with it.
 */
public record TenantStatusChanged(TenantId tenant, Tenant.Status from, Tenant.Status to) {}
