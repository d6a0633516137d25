package dev.gatehouse.gateway.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link RelayDecision#decide} needs about one request, as values.
 *
 * @param killSwitchEngaged the tenant's kill switch (check 1)
 * @param admission the outcome of checks 2–3
 * @param policies the policies on the credential set and on its account, credential set's first
 *     (ignored when not admitted)
 * @param schedule the tenant's schedule
 * @param catalog the tenant's endpoint catalog
 * @param method the request method as received
 * @param rawPath the raw path after {@code /gateway/v1/erp}, still percent-encoded, without query
 * @param at when the request started
 */
public record RelayFacts(
        boolean killSwitchEngaged,
        Admission admission,
        List<Policy> policies,
        Schedule schedule,
        Catalog catalog,
        String method,
        String rawPath,
        Instant at) {

    public RelayFacts {
        Objects.requireNonNull(admission, "admission");
        policies = List.copyOf(policies);
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(at, "at");
    }
}
