package dev.gatehouse.gateway.policy;

import java.util.Objects;

/**
 * The policy and rule that grant a request: the snapshot the audit records (the policy value is the
 * policy as it was at decision time, version included).
 */
public record Grant(Policy policy, Rule rule) {

    public Grant {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(rule, "rule");
    }
}
