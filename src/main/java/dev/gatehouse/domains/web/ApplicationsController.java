package dev.gatehouse.domains.web;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ApplicationAdministration;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.DomainsSettings;
import dev.gatehouse.domains.webhooks.WebhookTargets;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * {@code /v1/applications}: the tenant's applications. The webhook secret appears only in create
 * and rotate answers.
 */
@RestController
@RequestMapping("/v1/applications")
class ApplicationsController {

    private final Applications applications;
    private final ApplicationAdministration administration;
    private final OwnedApplications owned;
    private final boolean allowPrivateWebhooks;

    ApplicationsController(
            Applications applications,
            ApplicationAdministration administration,
            OwnedApplications owned,
            Settings settings) {
        this.applications = applications;
        this.administration = administration;
        this.owned = owned;
        this.allowPrivateWebhooks =
                settings.section(DomainsSettings.class).webhooksAllowPrivateTargets();
    }

    @Schema(name = "ApplicationTarget")
    record TargetView(@Nullable String cname, List<String> ipv4, List<String> ipv6) {}

    @Schema(name = "Application")
    record ApplicationView(
            String id,
            String name,
            TargetView target,
            String origin,
            List<String> allowedOrigins,
            @Nullable String webhookUrl,
            @Schema(allowableValues = {"active", "disabled"}) @Nullable String webhookStatus,
            @Schema(allowableValues = {"active", "disabled"}) String status,
            Instant createdAt,
            Instant updatedAt) {

        static ApplicationView of(Application a) {
            return new ApplicationView(
                    a.publicId(),
                    a.name(),
                    new TargetView(a.target().cname(), a.target().ipv4(), a.target().ipv6()),
                    a.origin(),
                    a.allowedOrigins(),
                    a.webhookUrl(),
                    a.webhookUrl() == null
                            ? null
                            : a.webhookDisabledAt() == null ? "active" : "disabled",
                    a.status().wire(),
                    a.createdAt(),
                    a.updatedAt());
        }
    }

    /** The create answer: the application and, this once, its webhook secret. */
    @Schema(name = "ApplicationCreated")
    record CreatedApplication(
            String id,
            String name,
            TargetView target,
            String origin,
            List<String> allowedOrigins,
            @Nullable String webhookUrl,
            @Schema(allowableValues = {"active", "disabled"}) String status,
            Instant createdAt,
            String webhookSecret) {}

    @Schema(name = "WebhookSecretRotated")
    record RotatedSecret(String webhookSecret) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedApplication create(
            Caller caller, @RequestBody ApplicationRequests.ApplicationCreateRequest body) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_ADMIN);
        Applications.Fields fields = requests().forCreate(body);
        ApplicationAdministration.Created created =
                administration.create(tenant, fields, KeyIssuer.actorOf(caller));
        ApplicationView v = ApplicationView.of(created.application());
        return new CreatedApplication(
                v.id(),
                v.name(),
                v.target(),
                v.origin(),
                v.allowedOrigins(),
                v.webhookUrl(),
                v.status(),
                v.createdAt(),
                created.webhookSecret());
    }

    @GetMapping
    Page<ApplicationView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_READ);
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> owned.find(tenant, id).map(Application::id));
        return page.cut(
                applications.list(tenant, after, page.fetchSize()),
                Application::publicId,
                ApplicationView::of);
    }

    @GetMapping("/{id}")
    ApplicationView get(Caller caller, @PathVariable String id) {
        return ApplicationView.of(owned.require(caller.tenantWith(DomainScopes.APPS_READ), id));
    }

    @PatchMapping("/{id}")
    ApplicationView update(
            Caller caller,
            @PathVariable String id,
            @RequestBody ApplicationRequests.ApplicationUpdateRequest body) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_ADMIN);
        Application app = owned.require(tenant, id);
        return ApplicationView.of(
                administration.update(
                        tenant, app, requests().forUpdate(body, app), KeyIssuer.actorOf(caller)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_ADMIN);
        administration.delete(tenant, owned.require(tenant, id), KeyIssuer.actorOf(caller));
    }

    @PostMapping("/{id}/webhook-secret:rotate")
    RotatedSecret rotate(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_ADMIN);
        return new RotatedSecret(
                administration.rotateWebhookSecret(
                        tenant, owned.require(tenant, id), KeyIssuer.actorOf(caller)));
    }

    private ApplicationRequests requests() {
        return new ApplicationRequests(
                url -> WebhookTargets.problem(url, allowPrivateWebhooks).orElse(null));
    }
}
