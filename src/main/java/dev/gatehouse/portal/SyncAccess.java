package dev.gatehouse.portal;

import dev.gatehouse.erpsync.SyncScopes;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.cycle.SyncOperations;
import dev.gatehouse.erpsync.demo.Demos;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.licensing.License;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every SageConnect page makes first, the same as the API's: the signed-in person's role
 * must hold {@code sync:read} to look and {@code sync:admin} to act, else 403; and every company or
 * run named in the URL is looked up under the person's own tenant, so a missing, malformed or
 * another tenant's one is the same 404. Also builds the banner every page shows.
 */
@Component
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
final class SyncAccess {

    /** The notices a redirect may ask a SageConnect page to show ({@code ?done=…}). */
    static final Set<String> NOTICES =
            Set.of("runStarted", "runInProgress", "lockReleased", "noLock", "licenseBlocked");

    private final SyncOperations operations;
    private final License license;
    private final Clock clock;

    SyncAccess(SyncOperations operations, License license, Clock clock) {
        this.operations = operations;
        this.license = license;
        this.clock = clock;
    }

    /** The signed-in person, who must hold {@code sync:read}. */
    static PortalUser reader(HttpServletRequest request) {
        return require(request, SyncScopes.READ);
    }

    /** The signed-in person, who must hold {@code sync:admin}. */
    static PortalUser admin(HttpServletRequest request) {
        return require(request, SyncScopes.ADMIN);
    }

    static boolean canAdmin(PortalUser user) {
        return user.can(SyncScopes.ADMIN);
    }

    /** The person as the audit log names them. */
    static Actor actor(PortalUser user) {
        return Actor.user(user.publicId(), user.email());
    }

    /** The message key of a whitelisted {@code ?done=} notice, or null. */
    static @Nullable String notice(@Nullable String done) {
        return done != null && NOTICES.contains(done) ? "sync.done." + done : null;
    }

    private static PortalUser require(HttpServletRequest request, Scope scope) {
        PortalUser user = PortalContext.of(request).signedIn();
        if (!user.can(scope)) {
            throw ApiProblem.forbidden("Your role does not allow this.");
        }
        return user;
    }

    /** The person's tenant's company {@code id}, or 404. */
    Company company(TenantId tenant, @Nullable String id) {
        return find(tenant, id).orElseThrow(() -> ApiProblem.notFound("No such company."));
    }

    /**
     * The company a page shows: {@code id} when given (404 when it is not the tenant's), else the
     * tenant's first company, else none.
     */
    Optional<Company> chosen(TenantId tenant, @Nullable String id, List<Company> all) {
        if (id != null && !id.isBlank()) {
            return Optional.of(company(tenant, id));
        }
        return all.stream().findFirst();
    }

    private Optional<Company> find(TenantId tenant, @Nullable String id) {
        return id != null && PublicIds.looksLike("co", id)
                ? operations.company(tenant, id)
                : Optional.empty();
    }

    /** The banner of the tenant's pages: the license, and whether its SageConnect is the demo. */
    SyncBanner banner(List<Company> companies) {
        return SyncBanner.of(
                license.status(), clock.instant(), companies.stream().anyMatch(Demos::isDemo));
    }
}
