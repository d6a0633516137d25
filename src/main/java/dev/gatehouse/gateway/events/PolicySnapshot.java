package dev.gatehouse.gateway.events;

import java.util.List;
import java.util.Objects;

/**
 * The granting policy as it was when the decision was made, kept in the audit event.
 *
 * @param id {@code pol_…}
 * @param version the policy's version at decision time
 * @param rules its rules, in order
 * @param scheduleExempt whether it lets relays through outside the schedule
 */
public record PolicySnapshot(String id, long version, List<Rule> rules, boolean scheduleExempt) {

    /** One rule: a method ({@code *} for any) and a catalog template or wildcard pattern. */
    public record Rule(String method, String path) {}

    public PolicySnapshot {
        Objects.requireNonNull(id, "id");
        rules = List.copyOf(rules);
    }
}
