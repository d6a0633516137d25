package dev.gatehouse.domains.web;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The first check of every {@code /v1/applications/{id}/…} route: the application must belong to
 * the caller's tenant. Missing, deleted and another tenant's answer the same 404.
 */
@Component
public class OwnedApplications {

    private final Applications applications;

    OwnedApplications(Applications applications) {
        this.applications = applications;
    }

    public Optional<Application> find(TenantId tenant, String publicId) {
        return PublicIds.looksLike("app", publicId)
                ? applications.find(tenant, publicId)
                : Optional.empty();
    }

    public Application require(TenantId tenant, String publicId) {
        return find(tenant, publicId)
                .orElseThrow(() -> ApiProblem.notFound("No such application."));
    }
}
