package dev.gatehouse.gateway.relay;

import dev.gatehouse.gateway.access.GatewayCaller;
import dev.gatehouse.gateway.events.GatewayEvent;
import dev.gatehouse.gateway.events.GatewayEvent.Check;
import dev.gatehouse.gateway.events.PolicySnapshot;
import dev.gatehouse.gateway.policy.Decision;
import dev.gatehouse.gateway.policy.Endpoint;
import dev.gatehouse.gateway.policy.Grant;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Set;

/**
 * Writes a decision into the audit event as the checks it passed, the one that failed and what it
 * matched: the decision path the audit explorer shows, in the contract's order.
 */
final class DecisionPath {

    /** The order of checks 1–8 as the event names them. */
    private static final List<Check> ORDER =
            List.of(
                    Check.KILL_SWITCH,
                    Check.TOKEN,
                    Check.CREDENTIAL_STATE,
                    Check.PATH,
                    Check.CATALOG,
                    Check.POLICY,
                    Check.SCHEDULE,
                    Check.RATE_LIMIT);

    /** Credential refusals that are about the token, its key or the address; the rest are state. */
    private static final Set<String> TOKEN_REASONS =
            Set.of(
                    "unknown_token",
                    "expired_token",
                    "revoked_token",
                    "wrong_api_key",
                    "ip_not_allowed");

    private DecisionPath() {}

    /** The checks in order, as the event and the explanation name them. */
    static List<String> names() {
        return ORDER.stream().map(Check::wire).toList();
    }

    static void allowed(GatewayEvent event, Decision.Allow allow, GatewayCaller who) {
        ORDER.forEach(event::passed);
        matched(event, allow.endpoint(), allow.grant(), who);
    }

    static void denied(GatewayEvent event, Decision.Deny deny, GatewayCaller who) {
        Check failed = failedCheck(deny);
        for (Check check : ORDER) {
            if (check == failed) {
                event.failed(check, deny.detail());
                break;
            }
            event.passed(check);
        }
        if (deny.endpoint() != null) {
            matched(event, deny.endpoint(), deny.grant(), who);
        }
    }

    static Check failedCheck(Decision.Deny deny) {
        return switch (deny.reason()) {
            case KILL_SWITCH_ENGAGED -> Check.KILL_SWITCH;
            case UNAUTHORIZED ->
                    TOKEN_REASONS.contains(deny.detail()) ? Check.TOKEN : Check.CREDENTIAL_STATE;
            case INVALID_PATH -> Check.PATH;
            case UNKNOWN_ENDPOINT -> Check.CATALOG;
            case POLICY_DENIED -> Check.POLICY;
            case OUTSIDE_SCHEDULE -> Check.SCHEDULE;
            case RATE_LIMITED -> Check.RATE_LIMIT;
        };
    }

    private static void matched(
            GatewayEvent event, Endpoint endpoint, @Nullable Grant grant, GatewayCaller who) {
        event.endpoint(endpoint.id(), endpoint.method(), endpoint.template().text());
        if (grant != null) {
            int index = grant.policy().rules().indexOf(grant.rule());
            event.rule(index, grant.rule().method(), grant.rule().path().text());
            event.policy(snapshot(grant));
        } else if (who.unrestricted()) {
            event.unrestricted();
        }
    }

    static PolicySnapshot snapshot(Grant grant) {
        return new PolicySnapshot(
                grant.policy().id(),
                grant.policy().version(),
                grant.policy().rules().stream()
                        .map(r -> new PolicySnapshot.Rule(r.method(), r.path().text()))
                        .toList(),
                grant.policy().scheduleExempt());
    }
}
