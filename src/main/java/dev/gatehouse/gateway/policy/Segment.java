package dev.gatehouse.gateway.policy;

/** One segment of a template or rule pattern. */
sealed interface Segment {

    /** Matches exactly this decoded text (case-sensitive). */
    record Literal(String text) implements Segment {}

    /** {@code {name}}: exactly one non-empty segment. */
    record Param(String name) implements Segment {}

    /** {@code *} in a rule: exactly one non-empty segment. */
    record One() implements Segment {}

    /** {@code **} in a rule, last only: one or more segments. */
    record Rest() implements Segment {}

    /** True when this segment accepts any single segment. */
    default boolean isWildcard() {
        return !(this instanceof Literal);
    }
}
