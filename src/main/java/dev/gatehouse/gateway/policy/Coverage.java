package dev.gatehouse.gateway.policy;

/** How much of a catalog endpoint a rule grants (for the portal's rule editor). */
public enum Coverage {
    /** No request to the endpoint is granted. */
    NONE,
    /**
     * Some requests are granted, e.g. the rule {@code GET /customers/42} on {@code
     * /customers/{id}}.
     */
    PARTIAL,
    /** Every request to the endpoint is granted. */
    FULL
}
