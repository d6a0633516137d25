package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Policy;
import dev.gatehouse.gateway.policy.Rule;

import java.time.Instant;
import java.util.List;

/**
 * A policy row.
 *
 * @param id the internal key (never serialized)
 * @param publicId {@code pol_…}
 * @param name 1–200 characters
 * @param holder the account or credential set it is attached to
 * @param rules its grants, in written order
 * @param scheduleExempt true when what it grants is allowed outside the schedule
 * @param version 1 at creation, one more on every change
 */
public record StoredPolicy(
        long id,
        String publicId,
        String name,
        Holder holder,
        List<Rule> rules,
        boolean scheduleExempt,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    public StoredPolicy {
        rules = List.copyOf(rules);
    }

    /** The value the decision core evaluates and the audit snapshots. */
    public Policy toPolicy() {
        return new Policy(publicId, version, name, rules, scheduleExempt);
    }
}
