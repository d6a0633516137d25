package dev.gatehouse.portal;

import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.identity.UserRef;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.tenancy.TenantId;

import java.util.Set;

/** The signed-in person, as every portal page sees them. */
public record PortalUser(
        TenantId tenant,
        String tenantPublicId,
        String tenantName,
        String publicId,
        String email,
        String displayName,
        String role,
        Set<Scope> scopes,
        boolean mustChangePassword) {

    public PortalUser {
        scopes = Set.copyOf(scopes);
    }

    public boolean can(Scope scope) {
        return scopes.contains(scope);
    }

    /** This person as the identity use cases name their actor. */
    public UserRef ref() {
        return new UserRef(
                tenant,
                tenantPublicId,
                publicId,
                email,
                displayName,
                Role.fromWire(role)
                        .orElseThrow(() -> new IllegalStateException("unknown role " + role)));
    }
}
