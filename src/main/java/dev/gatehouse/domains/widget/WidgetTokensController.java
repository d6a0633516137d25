package dev.gatehouse.domains.widget;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.DomainsSettings;
import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.domains.web.ConnectionAnswers;
import dev.gatehouse.domains.web.OwnedApplications;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/applications/{id}/widget-tokens}: a key with {@code connections:write} mints a
 * widget token for one of its tenant's applications, so a token never grants more than its minter
 * holds. The token is shown once and never stored or audited; its id ({@code jti}) is.
 */
@RestController
class WidgetTokensController {

    private final OwnedApplications owned;
    private final WidgetTokens tokens;
    private final AuditLog audit;
    private final Hostnames hostnames;

    WidgetTokensController(
            OwnedApplications owned, WidgetTokens tokens, AuditLog audit, Settings settings) {
        this.owned = owned;
        this.tokens = tokens;
        this.audit = audit;
        this.hostnames = new Hostnames(settings.section(DomainsSettings.class).reservedSuffixes());
    }

    @Schema(name = "WidgetTokenRequest")
    record TokenRequest(
            @Schema(minimum = "60", maximum = "3600", defaultValue = "900")
                    @Nullable Long ttlSeconds,
            @Schema(description = "Binds the token to this hostname.") @Nullable String hostname,
            @Schema(maxLength = WidgetTokens.MAX_END_USER_REF) @Nullable String endUserRef) {}

    @Schema(name = "WidgetToken")
    record TokenAnswer(String token, Instant expiresAt) {}

    @PostMapping("/v1/applications/{id}/widget-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponse(
            status = 400,
            code = "invalid_hostname",
            when = "The hostname is not a valid, allowed customer hostname.")
    @ProblemResponse(status = 409, code = "conflict", when = "The application is disabled.")
    TokenAnswer issue(
            Caller caller,
            @PathVariable String id,
            @RequestBody(required = false) @Nullable TokenRequest body) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_WRITE);
        Application app = owned.require(tenant, id);
        TokenRequest request = body == null ? new TokenRequest(null, null, null) : body;
        WidgetTokens.Grant grant = grant(app, request);
        if (!app.active()) {
            throw ApiProblem.conflict(
                    "The application is disabled; enable it before issuing widget tokens.");
        }
        WidgetTokens.Issued issued = tokens.issue(grant);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jti", issued.claims().id());
        details.put("expires_at", issued.claims().expiresAt().toString());
        if (grant.hostname() != null) {
            details.put("hostname", grant.hostname());
        }
        audit.record(
                AuditEntry.of(tenant, KeyIssuer.actorOf(caller), "widget_token.issued")
                        .withTarget("application", app.publicId())
                        .withDetails(details));
        return new TokenAnswer(issued.token(), issued.claims().expiresAt());
    }

    private WidgetTokens.Grant grant(Application app, TokenRequest request) {
        long ttl =
                request.ttlSeconds() == null
                        ? WidgetTokens.DEFAULT_TTL.toSeconds()
                        : request.ttlSeconds();
        WidgetTokens.ttlProblem(ttl)
                .ifPresent(
                        message -> {
                            throw ApiProblem.badRequest(
                                    message,
                                    List.of(
                                            new ApiProblem.FieldMessage(
                                                    "ttl_seconds",
                                                    message.substring("ttl_seconds ".length()))));
                        });
        String hostname = null;
        if (request.hostname() != null) {
            switch (hostnames.check(request.hostname())) {
                case Hostnames.Valid(String h) -> hostname = h;
                case Hostnames.Invalid(Hostnames.Reason reason) ->
                        throw ConnectionAnswers.invalidHostname(reason);
            }
        }
        String ref = request.endUserRef();
        if (ref != null && ref.length() > WidgetTokens.MAX_END_USER_REF) {
            throw ApiProblem.badRequest(
                    "end_user_ref",
                    "must be at most " + WidgetTokens.MAX_END_USER_REF + " characters");
        }
        return new WidgetTokens.Grant(app.publicId(), Duration.ofSeconds(ttl), hostname, ref);
    }
}
