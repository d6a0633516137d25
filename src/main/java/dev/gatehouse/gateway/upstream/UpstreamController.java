package dev.gatehouse.gateway.upstream;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * {@code /v1/gateway/upstream}: the tenant's one upstream ({@code gateway:read} to read, {@code
 * gateway:admin} to change and test). Secrets go in and never come out: answers say only which are
 * set.
 */
@RestController
class UpstreamController {

    private final UpstreamAdministration administration;

    UpstreamController(UpstreamAdministration administration) {
        this.administration = administration;
    }

    @Schema(name = "GatewayUpstreamAuth")
    record AuthView(
            @Schema(allowableValues = {"none", "basic", "header", "session"}) String type,
            @Schema(description = "basic, session.") @Nullable String username,
            @Schema(description = "basic, session: whether a password is stored.")
                    @Nullable Boolean passwordSet,
            @Schema(description = "header: the header's name.") @Nullable String name,
            @Schema(description = "header: whether its value is stored.")
                    @Nullable Boolean valueSet,
            @Nullable String loginPath,
            @Nullable String bodyTemplate,
            @Schema(description = "session: whether an api_key is stored.")
                    @Nullable Boolean apiKeySet,
            @Nullable String tokenPointer,
            @Nullable String tokenHeader,
            @Nullable String tokenPrefix,
            @Nullable Integer ttlSeconds) {

        static AuthView of(Upstream u) {
            boolean password = u.secretsSet().contains(UpstreamSecrets.PASSWORD);
            return switch (u.auth()) {
                case UpstreamAuth.None n ->
                        new AuthView(
                                n.type(), null, null, null, null, null, null, null, null, null,
                                null, null);
                case UpstreamAuth.Basic b ->
                        new AuthView(
                                b.type(),
                                b.username(),
                                password,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null);
                case UpstreamAuth.Header h ->
                        new AuthView(
                                h.type(),
                                null,
                                null,
                                h.name(),
                                u.secretsSet().contains(UpstreamSecrets.VALUE),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null);
                case UpstreamAuth.Session s ->
                        new AuthView(
                                s.type(),
                                s.username(),
                                password,
                                null,
                                null,
                                s.loginPath(),
                                s.bodyTemplate(),
                                u.secretsSet().contains(UpstreamSecrets.API_KEY),
                                s.tokenPointer(),
                                s.tokenHeader(),
                                s.tokenPrefix(),
                                s.ttlSeconds());
            };
        }
    }

    @Schema(name = "GatewayUpstream")
    record UpstreamView(
            String id,
            String baseUrl,
            AuthView auth,
            int timeoutMs,
            long maxRequestBytes,
            long maxResponseBytes,
            Instant createdAt,
            Instant updatedAt) {

        static UpstreamView of(Upstream u) {
            return new UpstreamView(
                    u.publicId(),
                    u.baseUrl(),
                    AuthView.of(u),
                    u.timeoutMs(),
                    u.maxRequestBytes(),
                    u.maxResponseBytes(),
                    u.createdAt(),
                    u.updatedAt());
        }
    }

    @Schema(name = "GatewayUpstreamTestResult")
    record TestView(
            @Schema(description = "The upstream answered HTTP.") boolean reachable,
            @Schema(description = "Its status, when it answered.") @Nullable Integer status,
            long latencyMs,
            @Schema(allowableValues = {"ok", "failed", "not_applicable"}) String login,
            @Schema(
                            description =
                                    "A stable code when something is wrong: timeout,"
                                            + " connection_refused, private_target, dns_error,"
                                            + " tls_error, invalid_response, credentials_refused,"
                                            + " login_rejected, login_error, token_missing,"
                                            + " unreachable, secrets_unavailable.")
                    @Nullable String reason,
            @Schema(description = "A fixed sentence; never the upstream's own text.")
                    String detail) {}

    @GetMapping("/v1/gateway/upstream")
    UpstreamView get(Caller caller) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        return administration
                .find(tenant)
                .map(UpstreamView::of)
                .orElseThrow(() -> ApiProblem.notFound("No upstream is configured."));
    }

    @PutMapping("/v1/gateway/upstream")
    UpstreamView put(Caller caller, @RequestBody UpstreamRequests.UpstreamBody body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        return switch (administration.save(tenant, body, KeyIssuer.actorOf(caller))) {
            case UpstreamAdministration.Rejected(var errors) ->
                    throw ApiProblem.badRequest("The request is not valid.", errors);
            case UpstreamAdministration.Stored(Upstream u, boolean created) -> UpstreamView.of(u);
        };
    }

    @PostMapping("/v1/gateway/upstream:test")
    TestView test(Caller caller) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        UpstreamProbe.Result r =
                administration
                        .test(tenant, KeyIssuer.actorOf(caller))
                        .orElseThrow(() -> ApiProblem.notFound("No upstream is configured."));
        return new TestView(
                r.reachable(),
                r.status(),
                r.latency().toMillis(),
                r.login(),
                r.reason(),
                r.detail());
    }
}
