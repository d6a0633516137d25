package dev.gatehouse.gateway.access.web;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.access.Credential;
import dev.gatehouse.gateway.access.CredentialIssuance;
import dev.gatehouse.gateway.access.Credentials;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Credential sets: issued to an actor with their API password and x-api-key shown once, listed
 * without secrets, revoked, rotated (new secrets shown once). Reads need {@code gateway:read},
 * changes {@code gateway:admin}.
 */
@RestController
@RequestMapping("/v1/gateway")
class CredentialsController {

    private final Credentials credentials;
    private final CredentialIssuance issuance;
    private final Owned owned;
    private final Clock clock;

    CredentialsController(
            Credentials credentials, CredentialIssuance issuance, Owned owned, Clock clock) {
        this.credentials = credentials;
        this.issuance = issuance;
        this.owned = owned;
        this.clock = clock;
    }

    @PostMapping("/actors/{id}/credentials")
    @ResponseStatus(HttpStatus.CREATED)
    AccessViews.IssuedView issue(
            Caller caller,
            @PathVariable String id,
            @RequestBody AccessRequests.CredentialIssue body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        GatewayActor actor = owned.actor(tenant, id);
        CredentialIssuance.CredentialRequest request =
                AccessRequests.credential(body, clock.instant());
        return switch (issuance.issue(
                tenant, actor, request, CredentialIssuance.Issuer.of(caller))) {
            case CredentialIssuance.Issuing.Issued issued ->
                    AccessViews.IssuedView.of(issued.credential(), issued.secrets());
            case CredentialIssuance.Issuing.UnrestrictedNotPermitted n ->
                    throw ApiProblem.forbidden(
                            "Only gateway:admin may issue admin_unrestricted credential sets.");
        };
    }

    @GetMapping("/actors/{id}/credentials")
    Page<AccessViews.CredentialView> list(
            Caller caller,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        GatewayActor actor = owned.actor(tenant, id);
        PageRequest page = PageRequest.of(limit, cursor);
        long after =
                page.startAfter(
                        0,
                        c ->
                                owned.findCredential(tenant, c)
                                        .filter(x -> x.actorId() == actor.id())
                                        .map(Credential::id));
        return page.cut(
                credentials.list(tenant, actor.id(), after, page.fetchSize()),
                Credential::publicId,
                AccessViews.CredentialView::of);
    }

    @PostMapping("/credentials/{id}:revoke")
    @ProblemResponse(status = 409, code = "conflict", when = "The set is already revoked.")
    AccessViews.CredentialView revoke(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        Credential current = owned.credential(tenant, id);
        return issuance.revoke(tenant, current, KeyIssuer.actorOf(caller))
                .map(AccessViews.CredentialView::of)
                .orElseThrow(() -> ApiProblem.conflict("The credential set is already revoked."));
    }

    @PostMapping("/credentials/{id}:rotate")
    @ProblemResponse(
            status = 409,
            code = "conflict",
            when = "The set is revoked; a revoked set cannot be rotated.")
    AccessViews.RotatedView rotate(
            Caller caller,
            @PathVariable String id,
            @RequestBody(required = false) AccessRequests.@Nullable CredentialRotate body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        Credential current = owned.credential(tenant, id);
        return issuance.rotate(
                        tenant, current, AccessRequests.overlap(body), KeyIssuer.actorOf(caller))
                .map(r -> AccessViews.RotatedView.of(r.credential(), r.secrets()))
                .orElseThrow(
                        () -> ApiProblem.conflict("A revoked credential set cannot be rotated."));
    }
}
