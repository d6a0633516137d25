package dev.gatehouse.domains.dns;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.ConnectionView;
import dev.gatehouse.domains.Connections;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/dns-credentials} (scope {@code apps:admin}) and {@code POST
 * /v1/applications/{id}/connections/{cid}/apply} (scope {@code connections:write}). Secrets go in
 * once and never come out: no answer, log line or audit entry carries them.
 */
@RestController
class DnsCredentialsController {

    private final DelegatedDns delegated;
    private final Applications applications;
    private final Connections connections;
    private final ConnectionLifecycle lifecycle;
    private final boolean production;

    DnsCredentialsController(
            DelegatedDns delegated,
            Applications applications,
            Connections connections,
            ConnectionLifecycle lifecycle,
            Settings settings) {
        this.delegated = delegated;
        this.applications = applications;
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.production = settings.production();
    }

    @Schema(name = "DnsCredentialCreateRequest")
    record CreateCredential(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            allowableValues = {"cloudflare", "rfc2136"})
                    @Nullable String provider,
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            description =
                                    "The provider's settings and secret (see the README), stored"
                                            + " sealed; secrets never come back.")
                    @Nullable Map<String, Object> config) {}

    /** A credential as the API shows it: the non-secret config only. */
    @Schema(name = "DnsCredential")
    record CredentialView(
            String id,
            String name,
            String provider,
            @Schema(
                            description = "The non-secret settings.",
                            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                    Map<String, Object> config,
            Instant createdAt) {

        static CredentialView of(DnsCredential c) {
            return new CredentialView(
                    c.publicId(), c.name(), c.provider(), c.config().wire(), c.createdAt());
        }
    }

    @Schema(name = "ApplyRecordsRequest")
    record ApplyRecords(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                    @Nullable String dnsCredentialId) {}

    @PostMapping("/v1/dns-credentials")
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponse(
            status = 503,
            code = "credential_key_missing",
            when = "The service has no CREDENTIAL_ENC_KEY.")
    CredentialView create(Caller caller, @RequestBody CreateCredential body) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_ADMIN);
        return switch (delegated.submit(
                tenant,
                body.name(),
                body.provider(),
                body.config(),
                production,
                KeyIssuer.actorOf(caller))) {
            case DelegatedDns.Rejected(var errors) ->
                    throw ApiProblem.badRequest("The request is not valid.", errors);
            case DelegatedDns.Accepted(DelegatedDns.Stored(DnsCredential c)) ->
                    CredentialView.of(c);
            case DelegatedDns.Accepted(DelegatedDns.KeyMissing k) -> throw keyMissing();
        };
    }

    @GetMapping("/v1/dns-credentials")
    Page<CredentialView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_ADMIN);
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> delegated.find(tenant, id).map(DnsCredential::id));
        return page.cut(
                delegated.list(tenant, after, page.fetchSize()),
                DnsCredential::publicId,
                CredentialView::of);
    }

    @DeleteMapping("/v1/dns-credentials/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_ADMIN);
        if (!delegated.delete(tenant, id, KeyIssuer.actorOf(caller))) {
            throw ApiProblem.notFound("No such DNS credential.");
        }
    }

    @PostMapping("/v1/applications/{id}/connections/{cid}/apply")
    @ProblemResponse(status = 409, code = "conflict", when = "The connection is removed.")
    @ProblemResponse(
            status = 502,
            code = "dns_provider_failed",
            when = "The DNS provider did not accept the records.")
    @ProblemResponse(
            status = 503,
            code = "credential_key_missing",
            when = "The service has no CREDENTIAL_ENC_KEY.")
    @ProblemResponse(
            status = 503,
            code = "quota_unavailable",
            when = "The records were written but the connection limit could not be checked.")
    ConnectionView apply(
            Caller caller,
            @PathVariable String id,
            @PathVariable String cid,
            @RequestBody ApplyRecords body) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_WRITE);
        Application app =
                (PublicIds.looksLike("app", id)
                                ? applications.find(tenant, id)
                                : Optional.<Application>empty())
                        .orElseThrow(() -> ApiProblem.notFound("No such application."));
        Connection c =
                (PublicIds.looksLike("conn", cid)
                                ? connections.find(tenant, app.id(), cid)
                                : Optional.<Connection>empty())
                        .orElseThrow(() -> ApiProblem.notFound("No such connection."));
        if (body.dnsCredentialId() == null) {
            throw ApiProblem.badRequest("dns_credential_id", "is required");
        }
        if (c.status() == ConnectionStatus.REMOVED) {
            throw ApiProblem.conflict("The connection is removed; open a new one.");
        }
        return switch (delegated.apply(
                tenant, app, c, body.dnsCredentialId(), KeyIssuer.actorOf(caller))) {
            case DelegatedDns.Verified(Connection updated) -> lifecycle.view(app, updated);
            case DelegatedDns.NoSuchCredential n ->
                    throw ApiProblem.notFound("No such DNS credential.");
            case DelegatedDns.SecretUnavailable s -> throw keyMissing();
            case DelegatedDns.ProviderFailed f ->
                    throw new ApiProblem(
                            502,
                            "dns_provider_failed",
                            "Bad gateway",
                            "The DNS provider did not accept the records. Check the credential and"
                                    + " its permissions, then retry.",
                            List.of(),
                            null);
            case DelegatedDns.WrittenButQuotaUnavailable q ->
                    throw ApiProblem.unavailable(
                            "quota_unavailable",
                            "The records were written, but the connection limit could not be"
                                    + " checked, so the connection was not changed. Verify it again"
                                    + " shortly.");
        };
    }

    private static ApiProblem keyMissing() {
        return ApiProblem.unavailable(
                "credential_key_missing",
                "DNS credentials cannot be stored or used: the"
                        + " service has no CREDENTIAL_ENC_KEY configured.");
    }
}
