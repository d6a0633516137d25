package dev.gatehouse.portal;

import java.util.Optional;

import dev.gatehouse.kernel.identity.SignIn;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;

/**
 * Loads the signed-in person on every portal request from the identity module, so a removed or
 * disabled user, a changed role or a suspended tenant takes effect on the next request.
 */
final class IdentityPortalUsers implements PortalUsers {

    private final SignIn signIn;
    private final UserAdministration admin;
    private final Tenants tenants;

    IdentityPortalUsers(SignIn signIn, UserAdministration admin, Tenants tenants) {
        this.signIn = signIn;
        this.admin = admin;
        this.tenants = tenants;
    }

    @Override
    public Optional<PortalUser> load(TenantId tenant, String userPublicId) {
        return signIn.current(tenant, userPublicId).flatMap(ref -> admin.find(tenant, userPublicId)
                .flatMap(user -> tenants.find(tenant).map(t -> new PortalUser(tenant, t.publicId(), t.name(),
                        user.publicId(), user.email(), user.displayName(), user.role().wire(),
                        Scope.effective(user.role().scopes()), user.mustChangePassword()))));
    }

}
