package dev.gatehouse.portal;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.util.Optional;

/**
 * Loads the person behind a session; empty when they were removed, disabled, or their tenant
 * suspended.
 */
public interface PortalUsers {

    Optional<PortalUser> load(TenantId tenant, String userPublicId);
}
