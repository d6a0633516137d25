package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Admission;
import dev.gatehouse.gateway.policy.Catalog;
import dev.gatehouse.gateway.policy.Policy;
import dev.gatehouse.gateway.policy.RelayFacts;
import dev.gatehouse.gateway.policy.Schedule;

import java.time.Instant;
import java.util.List;

/**
 * The controls that apply to one request of one credential set, read together.
 *
 * @param killSwitch the tenant's kill switch
 * @param schedule the tenant's schedule
 * @param policies the credential set's policies, then its account's, each oldest first
 */
public record RelayControls(KillSwitch killSwitch, Schedule schedule, List<Policy> policies) {

    public RelayControls {
        policies = List.copyOf(policies);
    }

    /** The facts {@link dev.gatehouse.gateway.policy.RelayDecision#decide} needs. */
    public RelayFacts facts(
            Admission admission, Catalog catalog, String method, String rawPath, Instant at) {
        return new RelayFacts(
                killSwitch.engaged(), admission, policies, schedule, catalog, method, rawPath, at);
    }
}
