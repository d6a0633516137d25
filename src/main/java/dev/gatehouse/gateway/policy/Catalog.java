package dev.gatehouse.gateway.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's endpoint catalog: what may be relayed at all. Immutable.
 *
 * @param endpoints every endpoint, in any order
 */
public record Catalog(List<Endpoint> endpoints) {

    private static final Comparator<Endpoint> MOST_SPECIFIC_FIRST =
            Comparator.comparing(Endpoint::template, PathTemplate.MOST_SPECIFIC_FIRST)
                    .thenComparing(Endpoint::id);

    public Catalog {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * The endpoint a request is (check 5): among those whose method equals {@code method} and whose
     * template matches {@code path}, the most specific ({@link PathTemplate#MOST_SPECIFIC_FIRST},
     * then the endpoint id); empty when none does.
     */
    public Optional<Endpoint> match(String method, CanonicalPath path) {
        return endpoints.stream().filter(e -> e.matches(method, path)).min(MOST_SPECIFIC_FIRST);
    }

    /** An endpoint a rule reaches, and how far. */
    public record Granted(Endpoint endpoint, Coverage coverage) {}

    /**
     * The endpoints {@code rule} grants fully or partly, most specific first (for the portal's rule
     * editor).
     */
    public List<Granted> grantedBy(Rule rule) {
        return endpoints.stream()
                .sorted(MOST_SPECIFIC_FIRST)
                .map(e -> new Granted(e, rule.covers(e)))
                .filter(g -> g.coverage() != Coverage.NONE)
                .toList();
    }
}
