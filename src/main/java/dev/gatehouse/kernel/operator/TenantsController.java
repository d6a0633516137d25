package dev.gatehouse.kernel.operator;

import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.Plan;
import dev.gatehouse.kernel.tenancy.Tenant;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Schema;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /v1/tenants}: operator keys only. */
@RestController
@RequestMapping("/v1/tenants")
class TenantsController {

    private final TenantAdministration admin;

    TenantsController(TenantAdministration admin) {
        this.admin = admin;
    }

    @Schema(name = "TenantCreateRequest")
    record CreateTenant(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200)
                    @Nullable String name,
            @Schema(
                            description = "Derived from the name when omitted.",
                            pattern = "^[a-z0-9][a-z0-9-]{0,62}$")
                    @Nullable String slug,
            @Schema(
                            allowableValues = {"free", "team", "business"},
                            defaultValue = "free")
                    @Nullable String plan,
            @Schema(description = "Creates the first portal owner with a one-time password.")
                    @Nullable String ownerEmail) {}

    /** The first portal owner, with the one-time password shown once. */
    @Schema(name = "TenantOwner")
    record Owner(String id, String email, String oneTimePassword) {}

    /**
     * @param limits the limits products keep for the tenant, by name (Connect Domain's {@code
     *     max_connections})
     */
    @Schema(name = "Tenant")
    record TenantView(
            String id,
            String name,
            String slug,
            @Schema(allowableValues = {"active", "suspended"}) String status,
            @Schema(allowableValues = {"free", "team", "business"}) String plan,
            Map<String, Integer> limits,
            Instant createdAt,
            Instant updatedAt) {

        static TenantView of(TenantAdministration.Administered a) {
            Tenant t = a.tenant();
            return new TenantView(
                    t.publicId(),
                    t.name(),
                    t.slug(),
                    t.status().wire(),
                    t.plan().wire(),
                    a.limits(),
                    t.createdAt(),
                    t.updatedAt());
        }
    }

    @Schema(name = "TenantAdminKey", description = "The tenant's first admin key, shown once.")
    record AdminKey(String id, String name, List<String> scopes, String last4, String key) {}

    @Schema(name = "TenantCreated")
    record CreatedTenant(TenantView tenant, AdminKey adminKey, @Nullable Owner owner) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponse(status = 409, code = "conflict", when = "The slug is taken.")
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

    /**
     * Changes {@code status}, {@code plan} and any limit a product keeps per tenant (today {@code
     * max_connections}); every other field is refused.
     */
    @PatchMapping("/{id}")
    TenantView update(
            Caller caller,
            @PathVariable String id,
            @RequestBody Map<String, @Nullable Object> body) {
        caller.require(Scope.TENANTS_ADMIN);
        TenantAdministration.Change change = change(body);
        return switch (admin.update(id, change, KeyIssuer.actorOf(caller))) {
            case TenantAdministration.Update.Updated(TenantAdministration.Administered t) ->
                    TenantView.of(t);
            case TenantAdministration.Update.NoSuchTenant n -> throw noSuchTenant();
            case TenantAdministration.Update.Invalid(String field, String message) ->
                    throw ApiProblem.badRequest(field, message);
        };
    }

    /**
     * Reads a PATCH body: known fields of the right type, at least one of them. Every unknown or
     * wrong field is reported at once, each with what was expected.
     */
    private TenantAdministration.Change change(Map<String, @Nullable Object> body) {
        Tenant.Status status = null;
        Plan plan = null;
        Map<String, Integer> limits = new HashMap<>();
        Map<String, TenantLimits.Limit> known = new HashMap<>();
        admin.limitDefinitions().forEach(l -> known.put(l.name(), l));
        List<ApiProblem.FieldMessage> errors = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> e : body.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            if (!name.equals("status") && !name.equals("plan") && !known.containsKey(name)) {
                errors.add(new ApiProblem.FieldMessage(shorten(name), "is not a known field"));
                continue;
            }
            if (v == null) {
                continue;
            }
            switch (name) {
                case "status" -> {
                    status = Tenant.Status.fromWire(text(v)).orElse(null);
                    if (status == null) {
                        errors.add(
                                new ApiProblem.FieldMessage(
                                        "status", "expected active or suspended"));
                    }
                }
                case "plan" -> {
                    plan = Plan.fromWire(text(v)).orElse(null);
                    if (plan == null) {
                        errors.add(
                                new ApiProblem.FieldMessage(
                                        "plan", "expected free, team or business"));
                    }
                }
                default -> {
                    TenantLimits.Limit limit = java.util.Objects.requireNonNull(known.get(name));
                    if (v instanceof Integer n) {
                        limits.put(name, n);
                    } else {
                        errors.add(
                                new ApiProblem.FieldMessage(
                                        name, "expected a whole number: " + limit.rule()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(
                    errors.size() == 1
                            ? "A field is unknown or has the wrong type or value."
                            : "Some fields are unknown or have the wrong type or value.",
                    errors);
        }
        if (status == null && plan == null && limits.isEmpty()) {
            throw ApiProblem.badRequest(
                    "status",
                    "give status, plan"
                            + known.keySet().stream()
                                    .sorted()
                                    .map(n -> ", " + n)
                                    .collect(Collectors.joining())
                            + ", or several");
        }
        return new TenantAdministration.Change(status, plan, limits);
    }

    private static String text(Object v) {
        return v instanceof String s ? s : "";
    }

    private static String shorten(String field) {
        return field.length() <= 64 ? field : field.substring(0, 64);
    }

    private static Plan parsePlan(String plan) {
        return Plan.fromWire(plan)
                .orElseThrow(() -> ApiProblem.badRequest("plan", "must be free, team or business"));
    }

    private static ApiProblem noSuchTenant() {
        return ApiProblem.notFound("No such tenant.");
    }
}
