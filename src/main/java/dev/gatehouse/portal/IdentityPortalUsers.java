package dev.gatehouse.portal;

import dev.gatehouse.kernel.identity.User;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.keys.ScopeCatalog;
import dev.gatehouse.kernel.tenancy.Tenant;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;

import java.util.Optional;

/**
 * Loads the signed-in person on every portal request from the identity module, so a removed or
 * disabled user, a changed role or a suspended tenant takes effect on the next request.
 */
final class IdentityPortalUsers implements PortalUsers {

    private final UserAdministration admin;
    private final Tenants tenants;
    private final ScopeCatalog scopes;

    IdentityPortalUsers(UserAdministration admin, Tenants tenants, ScopeCatalog scopes) {
        this.admin = admin;
        this.tenants = tenants;
        this.scopes = scopes;
    }

    @Override
    public Optional<PortalUser> load(TenantId tenant, String userPublicId) {
        // Two reads per request: the person (active?) and the tenant (active?).
        return admin.find(tenant, userPublicId)
                .filter(User::active)
                .flatMap(
                        user ->
                                tenants.find(tenant)
                                        .filter(Tenant::active)
                                        .map(
                                                t ->
                                                        new PortalUser(
                                                                tenant,
                                                                t.publicId(),
                                                                t.name(),
                                                                user.publicId(),
                                                                user.email(),
                                                                user.displayName(),
                                                                user.role().wire(),
                                                                scopes.effective(
                                                                        user.role().scopes(scopes)),
                                                                user.mustChangePassword())));
    }
}
