package dev.gatehouse.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks 1–8 of the relay contract, in that order, as one pure function: the first failure is the
 * answer. Checks 2–3 are decided by the caller and arrive as an {@link Admission}, but are applied
 * here, after the kill switch and before the path, so the order cannot be got wrong.
 *
 * <ol>
 *   <li>kill switch engaged → {@link DenyReason#KILL_SWITCH_ENGAGED}, whatever the credential;
 *   <li>not admitted → {@link DenyReason#UNAUTHORIZED} with the admission's true reason;
 *   <li>path not canonical ({@link CanonicalPath#parse}) → {@link DenyReason#INVALID_PATH};
 *   <li>no catalog endpoint for method and path ({@link Catalog#match}, most specific wins) →
 *       {@link DenyReason#UNKNOWN_ENDPOINT};
 *   <li>no policy grants it (deny by default) and the set is not {@code admin_unrestricted} →
 *       {@link DenyReason#POLICY_DENIED}. Policies are tried in the order given (the credential
 *       set's, then its account's) and rules in written order;
 *   <li>outside the schedule and no <em>granting</em> policy is schedule-exempt → {@link
 *       DenyReason#OUTSIDE_SCHEDULE} with the next window start. An {@code admin_unrestricted} set
 *       is bound by the schedule too, as the contract reads (only a granting policy's {@code
 *       schedule_exempt} lifts it), so unrestricted night access needs an exempt policy that says
 *       so;
 *   <li>{@link RateCheck#take()}, asked only now → {@link DenyReason#RATE_LIMITED} with
 *       retry-after.
 * </ol>
 *
 * <p>The granting policy reported is the first granting one when the schedule is open, and the
 * first granting exempt one when it is closed.
 */
public final class RelayDecision {

    private RelayDecision() {}

    /** Decides; asks {@code rate} at most once, and only when checks 1–7 passed. */
    public static Decision decide(RelayFacts facts, RateCheck rate) {
        if (facts.killSwitchEngaged()) {
            return Decision.Deny.of(DenyReason.KILL_SWITCH_ENGAGED, "kill_switch_engaged");
        }
        CredentialKind kind;
        switch (facts.admission()) {
            case Admission.Refused(String reason) -> {
                return Decision.Deny.of(DenyReason.UNAUTHORIZED, reason);
            }
            case Admission.Admitted(CredentialKind k) -> kind = k;
        }
        CanonicalPath path;
        switch (CanonicalPath.parse(facts.rawPath())) {
            case InvalidPath(String reason) -> {
                return Decision.Deny.of(DenyReason.INVALID_PATH, reason);
            }
            case CanonicalPath p -> path = p;
        }
        Optional<Endpoint> matched = facts.catalog().match(facts.method(), path);
        if (matched.isEmpty()) {
            return Decision.Deny.of(DenyReason.UNKNOWN_ENDPOINT, "no_catalog_endpoint");
        }
        Endpoint endpoint = matched.get();
        List<Grant> grants = grants(facts.policies(), facts.method(), path);
        if (grants.isEmpty() && kind != CredentialKind.ADMIN_UNRESTRICTED) {
            return new Decision.Deny(
                    DenyReason.POLICY_DENIED, "no_rule_grants", endpoint, null, null, null);
        }
        Grant grant = grants.isEmpty() ? null : grants.getFirst();
        if (!facts.schedule().isOpen(facts.at())) {
            Optional<Grant> exempt =
                    grants.stream().filter(g -> g.policy().scheduleExempt()).findFirst();
            if (exempt.isEmpty()) {
                return new Decision.Deny(
                        DenyReason.OUTSIDE_SCHEDULE,
                        "outside_schedule",
                        endpoint,
                        grant,
                        facts.schedule().nextWindowStart(facts.at()).orElse(null),
                        null);
            }
            grant = exempt.get();
        }
        if (rate.take() instanceof RateCheck.Exceeded(var retryAfter)) {
            return new Decision.Deny(
                    DenyReason.RATE_LIMITED, "rate_limited", endpoint, grant, null, retryAfter);
        }
        return new Decision.Allow(path, endpoint, grant);
    }

    private static List<Grant> grants(List<Policy> policies, String method, CanonicalPath path) {
        List<Grant> grants = new ArrayList<>();
        for (Policy p : policies) {
            p.ruleFor(method, path).ifPresent(rule -> grants.add(new Grant(p, rule)));
        }
        return grants;
    }
}
