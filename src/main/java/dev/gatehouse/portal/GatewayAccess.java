package dev.gatehouse.portal;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.access.Account;
import dev.gatehouse.gateway.access.Accounts;
import dev.gatehouse.gateway.access.Actors;
import dev.gatehouse.gateway.access.Credential;
import dev.gatehouse.gateway.access.CredentialIssuance;
import dev.gatehouse.gateway.access.Credentials;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.gateway.access.GatewayToken;
import dev.gatehouse.gateway.access.Tokens;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * The checks every ERP Access page makes first, the same as the API's: the signed-in person's role
 * must hold {@code gateway:read} to look and {@code gateway:admin} to change, else 403; and every
 * id in the URL is looked up under the person's own tenant, so a missing, malformed or another
 * tenant's account, actor, credential set or token is the same 404.
 */
@Component
final class GatewayAccess {

    /** The notices a redirect may ask an ERP Access page to show ({@code ?done=…}). */
    static final Set<String> NOTICES =
            Set.of(
                    "accountCreated",
                    "accountSuspended",
                    "accountReactivated",
                    "actorCreated",
                    "actorDisabled",
                    "actorEnabled",
                    "credentialRevoked",
                    "tokenRevoked",
                    "killEngaged",
                    "killReleased",
                    "scheduleSaved",
                    "policyCreated",
                    "policySaved",
                    "policyDeleted",
                    "endpointAdded",
                    "endpointDeleted",
                    "upstreamSaved");

    private final Accounts accounts;
    private final Actors actors;
    private final Credentials credentials;
    private final Tokens tokens;

    GatewayAccess(Accounts accounts, Actors actors, Credentials credentials, Tokens tokens) {
        this.accounts = accounts;
        this.actors = actors;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** The signed-in person, who must hold {@code scope}. */
    static PortalUser require(HttpServletRequest request, Scope scope) {
        PortalUser user = PortalContext.of(request).signedIn();
        if (!user.can(scope)) {
            throw ApiProblem.forbidden("Your role does not allow this.");
        }
        return user;
    }

    /** The signed-in person, who must hold {@code gateway:read}. */
    static PortalUser reader(HttpServletRequest request) {
        return require(request, GatewayScopes.READ);
    }

    /** The signed-in person, who must hold {@code gateway:admin}. */
    static PortalUser admin(HttpServletRequest request) {
        return require(request, GatewayScopes.ADMIN);
    }

    static boolean canAdmin(PortalUser user) {
        return user.can(GatewayScopes.ADMIN);
    }

    /** The person as the audit log names them. */
    static Actor actor(PortalUser user) {
        return Actor.user(user.publicId(), user.email());
    }

    /**
     * The person as an issuer of credential sets: only the owner and admin roles may issue {@code
     * admin_unrestricted} sets ({@link CredentialIssuance}).
     */
    static CredentialIssuance.Issuer issuer(PortalUser user) {
        return new CredentialIssuance.Issuer(actor(user), mayIssueUnrestricted(user));
    }

    static boolean mayIssueUnrestricted(PortalUser user) {
        Role role = Role.fromWire(user.role()).orElse(Role.VIEWER);
        return canAdmin(user) && (role == Role.OWNER || role == Role.ADMIN);
    }

    /** The message key of a whitelisted {@code ?done=} notice, or null. */
    static @Nullable String notice(@Nullable String done) {
        return done != null && NOTICES.contains(done) ? "gateway.done." + done : null;
    }

    Optional<Account> findAccount(PortalUser user, @Nullable String id) {
        return id != null && PublicIds.looksLike("acct", id)
                ? accounts.find(user.tenant(), id)
                : Optional.empty();
    }

    Account account(PortalUser user, String id) {
        return findAccount(user, id).orElseThrow(() -> ApiProblem.notFound("No such account."));
    }

    Optional<GatewayActor> findActor(PortalUser user, @Nullable String id) {
        return id != null && PublicIds.looksLike("act", id)
                ? actors.find(user.tenant(), id)
                : Optional.empty();
    }

    GatewayActor actor(PortalUser user, String id) {
        return findActor(user, id).orElseThrow(() -> ApiProblem.notFound("No such actor."));
    }

    Optional<Credential> findCredential(PortalUser user, @Nullable String id) {
        return id != null && PublicIds.looksLike("cred", id)
                ? credentials.find(user.tenant(), id)
                : Optional.empty();
    }

    Credential credential(PortalUser user, String id) {
        return findCredential(user, id)
                .orElseThrow(() -> ApiProblem.notFound("No such credential set."));
    }

    Optional<GatewayToken> findToken(PortalUser user, @Nullable String id) {
        return id != null && PublicIds.looksLike("tok", id)
                ? tokens.find(user.tenant(), id)
                : Optional.empty();
    }

    GatewayToken token(PortalUser user, String id) {
        return findToken(user, id).orElseThrow(() -> ApiProblem.notFound("No such token."));
    }
}
