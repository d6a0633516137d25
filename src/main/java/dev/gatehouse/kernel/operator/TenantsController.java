package dev.gatehouse.kernel.operator;

import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.tenancy.Plan;
import dev.gatehouse.kernel.tenancy.Tenant;
import dev.gatehouse.kernel.web.ApiProblem;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** {@code /v1/tenants}: operator keys only. */
@RestController
@RequestMapping("/v1/tenants")
class TenantsController {

    private final TenantAdministration admin;

    TenantsController(TenantAdministration admin) {
        this.admin = admin;
    }

    record CreateTenant(
            @Nullable String name,
            @Nullable String slug,
            @Nullable String plan,
            @Nullable String ownerEmail) {}

    /** The first portal owner, with the one-time password shown once. */
    record Owner(String id, String email, String oneTimePassword) {}

    record UpdateTenant(
            @Nullable String status, @Nullable String plan, @Nullable Integer maxConnections) {}

    record Limits(int maxConnections) {}

    record TenantView(
            String id,
            String name,
            String slug,
            String status,
            String plan,
            Limits limits,
            Instant createdAt,
            Instant updatedAt) {

        static TenantView of(Tenant t) {
            return new TenantView(
                    t.publicId(),
                    t.name(),
                    t.slug(),
                    t.status().wire(),
                    t.plan().wire(),
                    new Limits(t.maxConnections()),
                    t.createdAt(),
                    t.updatedAt());
        }
    }

    record AdminKey(String id, String name, List<String> scopes, String last4, String key) {}

    record CreatedTenant(TenantView tenant, AdminKey adminKey, @Nullable Owner owner) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedTenant create(Caller caller, @RequestBody CreateTenant body) {
        caller.require(Scope.TENANTS_ADMIN);
        if (body.name() == null) {
            throw ApiProblem.badRequest("name", "is required");
        }
        Plan plan = body.plan() == null ? Plan.FREE : parsePlan(body.plan());
        return switch (admin.create(
                body.name(), body.slug(), plan, body.ownerEmail(), KeyIssuer.actorOf(caller))) {
            case TenantAdministration.Creation.Created(TenantAdministration.Onboarded o) -> {
                KeyIssuer.IssuedKey k = o.adminKey();
                yield new CreatedTenant(
                        TenantView.of(o.tenant()),
                        new AdminKey(
                                k.key().publicId(),
                                k.key().name(),
                                k.key().scopes().stream().sorted().map(Scope::wire).toList(),
                                k.key().last4(),
                                k.secret().reveal()),
                        o.owner() == null
                                ? null
                                : new Owner(
                                        o.owner().user().publicId(),
                                        o.owner().user().email(),
                                        o.owner().password().reveal()));
            }
            case TenantAdministration.Creation.SlugTaken(String slug) ->
                    throw ApiProblem.conflict("The slug \"" + slug + "\" is taken.");
            case TenantAdministration.Creation.Invalid(String field, String message) ->
                    throw ApiProblem.badRequest(field, message);
        };
    }

    @GetMapping("/{id}")
    TenantView get(Caller caller, @PathVariable String id) {
        caller.require(Scope.TENANTS_ADMIN);
        return admin.find(id).map(TenantView::of).orElseThrow(TenantsController::noSuchTenant);
    }

    @PatchMapping("/{id}")
    TenantView update(Caller caller, @PathVariable String id, @RequestBody UpdateTenant body) {
        caller.require(Scope.TENANTS_ADMIN);
        Tenant.Status status =
                body.status() == null
                        ? null
                        : Tenant.Status.fromWire(body.status())
                                .orElseThrow(
                                        () ->
                                                ApiProblem.badRequest(
                                                        "status", "must be active or suspended"));
        Plan plan = body.plan() == null ? null : parsePlan(body.plan());
        if (body.maxConnections() != null
                && (body.maxConnections() < 0 || body.maxConnections() > 1_000_000)) {
            throw ApiProblem.badRequest(
                    "max_connections",
                    "must be between 0 and 1000000, was " + body.maxConnections());
        }
        if (status == null && plan == null && body.maxConnections() == null) {
            throw ApiProblem.badRequest("status", "give status, plan, max_connections, or several");
        }
        return admin.update(id, status, plan, body.maxConnections(), KeyIssuer.actorOf(caller))
                .map(TenantView::of)
                .orElseThrow(TenantsController::noSuchTenant);
    }

    private static Plan parsePlan(String plan) {
        return Plan.fromWire(plan)
                .orElseThrow(() -> ApiProblem.badRequest("plan", "must be free, team or business"));
    }

    private static ApiProblem noSuchTenant() {
        return ApiProblem.notFound("No such tenant.");
    }
}
