package dev.gatehouse.gateway.controls;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.policy.Policy;
import dev.gatehouse.gateway.policy.Problem;
import dev.gatehouse.gateway.policy.Rule;
import dev.gatehouse.gateway.policy.Validated;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/gateway/policies}: deny-by-default grants attached to one account or one credential
 * set. Reads need {@code gateway:read}, changes {@code gateway:admin}; another tenant's policy is
 * answered as a missing one (404), and an {@code account_id}/{@code credential_id} that names
 * nothing of the tenant is a 400 field error.
 */
@RestController
@RequestMapping("/v1/gateway/policies")
class PoliciesController {

    static final int MAX_NAME = 200;

    private final Policies policies;
    private final ControlsAdministration administration;

    PoliciesController(Policies policies, ControlsAdministration administration) {
        this.policies = policies;
        this.administration = administration;
    }

    @Schema(name = "GatewayPolicyRuleRequest")
    record RuleBody(
            @Schema(
                            requiredMode = REQUIRED,
                            description = "An upper-case HTTP method such as GET, or * for any.",
                            maxLength = 16)
                    @Nullable String method,
            @Schema(
                            requiredMode = REQUIRED,
                            description =
                                    "A catalog template (/customers/{id}) or a pattern with *"
                                            + " (one segment) and ** (one or more segments, last"
                                            + " only).",
                            maxLength = 1024)
                    @Nullable String path) {}

    /** The body of {@code POST} and {@code PUT}: the whole policy. */
    @Schema(name = "GatewayPolicyRequest")
    record PolicyRequest(
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = MAX_NAME)
                    @Nullable String name,
            @Schema(description = "The account (acct_…) it applies to; give this or credential_id.")
                    @Nullable String accountId,
            @Schema(
                            description =
                                    "The credential set (cred_…) it applies to; give this or"
                                            + " account_id.")
                    @Nullable String credentialId,
            @ArraySchema(maxItems = Policy.MAX_RULES, schema = @Schema(requiredMode = REQUIRED))
                    @Nullable List<RuleBody> rules,
            @Schema(
                            description = "Allowed outside the schedule for what it grants.",
                            defaultValue = "false")
                    @Nullable Boolean scheduleExempt) {}

    @Schema(name = "GatewayPolicyRule")
    record RuleView(String method, String path) {}

    @Schema(name = "GatewayPolicy")
    record PolicyView(
            String id,
            String name,
            @Nullable String accountId,
            @Nullable String credentialId,
            List<RuleView> rules,
            boolean scheduleExempt,
            @Schema(description = "1 at creation, one more on every change.") int version,
            Instant createdAt,
            Instant updatedAt) {

        static PolicyView of(StoredPolicy p) {
            return new PolicyView(
                    p.publicId(),
                    p.name(),
                    p.holder() instanceof Holder.Account a ? a.publicId() : null,
                    p.holder() instanceof Holder.Credential c ? c.publicId() : null,
                    p.rules().stream().map(r -> new RuleView(r.method(), r.path().text())).toList(),
                    p.scheduleExempt(),
                    p.version(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PolicyView create(Caller caller, @RequestBody PolicyRequest body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        return PolicyView.of(
                administration.createPolicy(
                        tenant, fields(tenant, body), KeyIssuer.actorOf(caller)));
    }

    @GetMapping
    Page<PolicyView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor,
            @Parameter(description = "Only the policies of this account (acct_…).")
                    @RequestParam(name = "account_id", required = false)
                    @Nullable String accountId,
            @Parameter(description = "Only the policies of this credential set (cred_…).")
                    @RequestParam(name = "credential_id", required = false)
                    @Nullable String credentialId) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        if (accountId != null && credentialId != null) {
            throw ApiProblem.badRequest(
                    "credential_id", "give at most one of account_id and credential_id");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> policies.find(tenant, id).map(StoredPolicy::id));
        String holderId = accountId != null ? accountId : credentialId;
        List<StoredPolicy> rows;
        if (holderId == null) {
            rows = policies.list(tenant, after, page.fetchSize());
        } else {
            // A filter naming nothing of this tenant (or the wrong kind) matches nothing.
            Optional<Holder> holder =
                    policies.holder(tenant, holderId)
                            .filter(h -> (h instanceof Holder.Account) == (accountId != null));
            rows =
                    holder.isEmpty()
                            ? List.of()
                            : policies.listOf(tenant, holder.get(), after, page.fetchSize());
        }
        return page.cut(rows, StoredPolicy::publicId, PolicyView::of);
    }

    @GetMapping("/{id}")
    PolicyView get(Caller caller, @PathVariable String id) {
        return PolicyView.of(require(caller.tenantWith(GatewayScopes.READ), id));
    }

    @PutMapping("/{id}")
    PolicyView replace(Caller caller, @PathVariable String id, @RequestBody PolicyRequest body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        StoredPolicy current = require(tenant, id);
        return PolicyView.of(
                administration.replacePolicy(
                        tenant, current, fields(tenant, body), KeyIssuer.actorOf(caller)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        administration.deletePolicy(tenant, require(tenant, id), KeyIssuer.actorOf(caller));
    }

    private StoredPolicy require(TenantId tenant, String id) {
        return policies.find(tenant, id).orElseThrow(() -> ApiProblem.notFound("No such policy."));
    }

    /** The checked fields, or a 400 listing every problem. */
    private Policies.Fields fields(TenantId tenant, PolicyRequest body) {
        List<ApiProblem.FieldMessage> errors = new ArrayList<>();
        String name = body.name() == null ? "" : body.name().strip();
        if (body.name() == null) {
            errors.add(new ApiProblem.FieldMessage("name", "is required"));
        } else if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "name", "must be 1 to " + MAX_NAME + " characters"));
        }
        Holder holder = holder(tenant, body, errors);
        List<Rule> rules = List.of();
        if (body.rules() == null) {
            errors.add(new ApiProblem.FieldMessage("rules", "is required"));
        } else {
            Validated<List<Rule>> checked =
                    Policy.parseRules(
                            body.rules().stream()
                                    .map(
                                            r ->
                                                    r == null
                                                            ? new Policy.Written(null, null)
                                                            : new Policy.Written(
                                                                    r.method(), r.path()))
                                    .toList());
            for (Problem p : checked.problems()) {
                errors.add(new ApiProblem.FieldMessage(p.field(), p.message()));
            }
            if (checked instanceof Validated.Valid<List<Rule>>(List<Rule> valid)) {
                rules = valid;
            }
        }
        if (!errors.isEmpty() || holder == null) {
            throw ApiProblem.badRequest("The request is not valid.", errors);
        }
        return new Policies.Fields(name, holder, rules, Boolean.TRUE.equals(body.scheduleExempt()));
    }

    private @Nullable Holder holder(
            TenantId tenant, PolicyRequest body, List<ApiProblem.FieldMessage> errors) {
        if ((body.accountId() == null) == (body.credentialId() == null)) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            body.accountId() == null ? "account_id" : "credential_id",
                            "give exactly one of account_id and credential_id"));
            return null;
        }
        boolean account = body.accountId() != null;
        String id = account ? body.accountId() : body.credentialId();
        Optional<Holder> found = id == null ? Optional.empty() : policies.holder(tenant, id);
        boolean rightKind = found.isPresent() && (found.get() instanceof Holder.Account) == account;
        if (!rightKind) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            account ? "account_id" : "credential_id",
                            account
                                    ? "names no account (acct_…) of this tenant"
                                    : "names no credential set (cred_…) of this tenant"));
            return null;
        }
        return found.get();
    }
}
