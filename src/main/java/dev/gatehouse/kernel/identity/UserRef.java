package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.tenancy.TenantId;

import java.util.Objects;

/**
 * Who is signed in: enough for a session, the audit actor and scope checks. Use cases reload the
 * user by {@link #userPublicId()} before acting, so a role changed since sign-in takes effect at
 * once.
 */
public record UserRef(
        TenantId tenant,
        String tenantPublicId,
        String userPublicId,
        String email,
        String displayName,
        Role role) {

    public UserRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tenantPublicId, "tenantPublicId");
        Objects.requireNonNull(userPublicId, "userPublicId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }

    /** The audit actor for this user. */
    public Actor actor() {
        return Actor.user(userPublicId, email);
    }
}
