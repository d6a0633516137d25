package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.SyncScopes;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * {@code /v1/sync/companies}: a tenant's Sage companies ({@code sync:read} to read, {@code
 * sync:admin} to change). Secrets go in and never come out. Another tenant's company is a 404, the
 * same as a missing one.
 */
@RestController
@RequestMapping("/v1/sync/companies")
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class CompanyController {

    private final CompanyAdministration administration;

    CompanyController(CompanyAdministration administration) {
        this.administration = administration;
    }

    @Schema(name = "SyncCompany")
    record CompanyView(
            String id,
            String name,
            @Schema(description = "url and tenant_id; key and secret are write-only.")
                    CompanyConfig.Portal portal,
            @Schema(description = "Everything but the password, which is write-only.")
                    CompanyConfig.Sql sql,
            CompanyConfig.Databases databases,
            String externalId,
            CompanyConfig.Issuer issuer,
            String cron,
            String timeZone,
            CompanyConfig.@Nullable Importer importer,
            String downloadsPath,
            CompanyConfig.Address addressDefaults,
            List<String> skipLocations,
            List<String> mailRecipients,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt) {

        static CompanyView of(Company company) {
            CompanyConfig c = company.config();
            return new CompanyView(
                    company.publicId(),
                    company.name(),
                    c.portal(),
                    c.sql(),
                    c.databases(),
                    c.externalId(),
                    c.issuer(),
                    c.cron(),
                    c.timeZone(),
                    c.importer(),
                    c.downloadsPath(),
                    c.addressDefaults(),
                    c.skipLocations(),
                    c.mailRecipients(),
                    company.enabled(),
                    company.createdAt(),
                    company.updatedAt());
        }
    }

    @GetMapping
    Page<CompanyView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(SyncScopes.READ);
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> administration.find(tenant, id).map(Company::id));
        return page.cut(
                administration.list(tenant, after, page.fetchSize()),
                Company::publicId,
                CompanyView::of);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponse(
            status = 409,
            code = "name_taken",
            when = "Another company of the tenant has this name (ignoring case).")
    @ProblemResponse(
            status = 409,
            code = "limit_reached",
            when = "The tenant has SYNC_MAX_COMPANIES_PER_TENANT companies (20 by default).")
    CompanyView create(Caller caller, @RequestBody CompanyRequests.CompanyBody body) {
        TenantId tenant = caller.tenantWith(SyncScopes.ADMIN);
        return answer(administration.create(tenant, body, KeyIssuer.actorOf(caller)));
    }

    @GetMapping("/{id}")
    CompanyView get(Caller caller, @PathVariable String id) {
        return administration
                .find(caller.tenantWith(SyncScopes.READ), id)
                .map(CompanyView::of)
                .orElseThrow(CompanyController::notFound);
    }

    @PatchMapping("/{id}")
    @ProblemResponse(
            status = 409,
            code = "name_taken",
            when = "Another company of the tenant has this name (ignoring case).")
    CompanyView update(
            Caller caller, @PathVariable String id, @RequestBody CompanyRequests.CompanyBody body) {
        TenantId tenant = caller.tenantWith(SyncScopes.ADMIN);
        return answer(
                administration
                        .update(tenant, id, body, KeyIssuer.actorOf(caller))
                        .orElseThrow(CompanyController::notFound));
    }

    private static CompanyView answer(CompanyAdministration.Saved saved) {
        return switch (saved) {
            case CompanyAdministration.Stored(Company c) -> CompanyView.of(c);
            case CompanyAdministration.Rejected(var errors) ->
                    throw ApiProblem.badRequest("The request is not valid.", errors);
            case CompanyAdministration.Conflict(String code, String detail) ->
                    throw new ApiProblem(409, code, "Conflict", detail, List.of(), null);
        };
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("No such company.");
    }
}
