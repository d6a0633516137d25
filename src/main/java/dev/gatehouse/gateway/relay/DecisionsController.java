package dev.gatehouse.gateway.relay;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.access.CredentialStandings;
import dev.gatehouse.gateway.catalog.Catalog;
import dev.gatehouse.gateway.controls.Controls;
import dev.gatehouse.gateway.controls.RelayControls;
import dev.gatehouse.gateway.policy.Admission;
import dev.gatehouse.gateway.policy.CredentialKind;
import dev.gatehouse.gateway.policy.Decision;
import dev.gatehouse.gateway.policy.Endpoint;
import dev.gatehouse.gateway.policy.Grant;
import dev.gatehouse.gateway.policy.RelayDecision;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/gateway/decisions:explain}: what the relay would decide for a credential set, a
 * method and a path at a moment (now by default): checks 1 and 3–7 exactly as the relay runs them,
 * through the same decision core, with the reason and what matched. Nothing is relayed or spent:
 * check 2 (token, key, address) needs a request and is skipped, and so is check 8 (a dry run takes
 * no allowance from the rate limit).
 */
@RestController
class DecisionsController {

    /** The longest path an explanation takes, as the relay's canonical check allows. */
    static final int MAX_PATH = 4096;

    private final CredentialStandings standings;
    private final Controls controls;
    private final CatalogView catalog;
    private final Clock clock;

    DecisionsController(
            CredentialStandings standings, Controls controls, Catalog catalog, Clock clock) {
        this.standings = standings;
        this.controls = controls;
        this.catalog = new CatalogView(catalog);
        this.clock = clock;
    }

    @Schema(name = "GatewayExplainRequest")
    record ExplainRequest(
            @Schema(requiredMode = REQUIRED, example = "cred_4gT9…") @Nullable String credentialId,
            @Schema(requiredMode = REQUIRED, example = "GET") @Nullable String method,
            @Schema(
                            requiredMode = REQUIRED,
                            description =
                                    "The path below /gateway/v1/erp as a client would send it"
                                            + " (percent-encoded), without the query.",
                            example = "/customers/42",
                            maxLength = MAX_PATH)
                    @Nullable String path,
            @Schema(description = "When to decide for; now when absent.")
                    @Nullable OffsetDateTime at) {}

    @Schema(name = "GatewayExplainCheck")
    record CheckView(
            @Schema(
                            allowableValues = {
                                "kill_switch",
                                "token",
                                "credential_state",
                                "path",
                                "catalog",
                                "policy",
                                "schedule",
                                "rate_limit"
                            })
                    String check,
            @Schema(allowableValues = {"pass", "fail", "skip"}) String result,
            @Nullable String detail) {}

    @Schema(name = "GatewayExplanation")
    record Explanation(
            @Schema(allowableValues = {"allow", "deny"}) String decision,
            @Schema(description = "The status the relay would answer; 200 stands for relayed.")
                    int status,
            @Schema(description = "The problem code the relay would answer; absent when allowed.")
                    @Nullable String code,
            Instant at,
            List<CheckView> checks,
            @Nullable String endpointId,
            @Nullable String endpointTemplate,
            @Nullable String policyId,
            @Nullable Integer policyVersion,
            @Nullable Integer ruleIndex,
            boolean adminUnrestricted,
            @Nullable OffsetDateTime nextWindowStart) {}

    @PostMapping("/v1/gateway/decisions:explain")
    Explanation explain(Caller caller, @RequestBody ExplainRequest body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        List<ApiProblem.FieldMessage> errors = new ArrayList<>();
        if (body.credentialId() == null) {
            errors.add(new ApiProblem.FieldMessage("credential_id", "is required"));
        }
        String method = body.method() == null ? null : body.method().toUpperCase(Locale.ROOT);
        if (method == null || !method.matches("[A-Z]{1,16}")) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "method", "expected an HTTP method such as GET (1-16 letters)"));
        }
        String path = body.path();
        if (path == null || !path.startsWith("/") || path.length() > MAX_PATH) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "path",
                            "expected a path starting with / of at most "
                                    + MAX_PATH
                                    + " characters"));
        }
        if (!errors.isEmpty() || method == null || path == null || body.credentialId() == null) {
            throw ApiProblem.badRequest("The request is not valid.", errors);
        }
        Instant at = body.at() == null ? clock.instant() : body.at().toInstant();
        CredentialStandings.Standing standing =
                standings
                        .of(tenant, body.credentialId(), at)
                        .orElseThrow(() -> ApiProblem.notFound("No such credential set."));
        RelayControls current =
                controls.forCredential(tenant, body.credentialId())
                        .orElseThrow(() -> ApiProblem.notFound("No such credential set."));
        boolean unrestricted =
                standing.kind() == dev.gatehouse.gateway.access.CredentialKind.ADMIN_UNRESTRICTED;
        Admission admission =
                standing.refusal() == null
                        ? new Admission.Admitted(
                                unrestricted
                                        ? CredentialKind.ADMIN_UNRESTRICTED
                                        : CredentialKind.STANDARD)
                        : new Admission.Refused(standing.refusal().wire());
        Decision decision =
                RelayDecision.decide(
                        current.facts(admission, catalog.forRelay(tenant), method, path, at),
                        dev.gatehouse.gateway.policy.RateCheck.unlimited());
        return view(decision, at, unrestricted);
    }

    private static Explanation view(Decision decision, Instant at, boolean unrestricted) {
        List<CheckView> checks = new ArrayList<>();
        return switch (decision) {
            case Decision.Allow allow -> {
                for (String check : DecisionPath.names()) {
                    checks.add(step(check, "pass", null));
                }
                yield explanation(
                        "allow",
                        200,
                        null,
                        at,
                        checks,
                        allow.endpoint(),
                        allow.grant(),
                        unrestricted,
                        null);
            }
            case Decision.Deny deny -> {
                String failed = DecisionPath.failedCheck(deny).wire();
                for (String check : DecisionPath.names()) {
                    if (check.equals(failed)) {
                        checks.add(step(check, "fail", deny.detail()));
                        break;
                    }
                    checks.add(step(check, "pass", null));
                }
                yield explanation(
                        "deny",
                        deny.reason().status(),
                        deny.reason().code(),
                        at,
                        checks,
                        deny.endpoint(),
                        deny.grant(),
                        unrestricted,
                        deny.nextWindowStart() == null
                                ? null
                                : deny.nextWindowStart().toOffsetDateTime());
            }
        };
    }

    private static CheckView step(String check, String result, @Nullable String detail) {
        if (check.equals("token")) {
            return new CheckView(check, "skip", "a dry run has no token, key or client address");
        }
        if (check.equals("rate_limit") && result.equals("pass")) {
            return new CheckView(check, "skip", "a dry run takes nothing from the rate limit");
        }
        return new CheckView(check, result, detail);
    }

    private static Explanation explanation(
            String decision,
            int status,
            @Nullable String code,
            Instant at,
            List<CheckView> checks,
            @Nullable Endpoint endpoint,
            @Nullable Grant grant,
            boolean unrestricted,
            @Nullable OffsetDateTime nextWindowStart) {
        return new Explanation(
                decision,
                status,
                code,
                at,
                List.copyOf(checks),
                endpoint == null ? null : endpoint.id(),
                endpoint == null ? null : endpoint.template().text(),
                grant == null ? null : grant.policy().id(),
                grant == null ? null : grant.policy().version(),
                grant == null ? null : grant.policy().rules().indexOf(grant.rule()),
                unrestricted,
                nextWindowStart);
    }
}
