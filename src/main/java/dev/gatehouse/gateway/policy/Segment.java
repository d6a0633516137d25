package dev.gatehouse.gateway.policy;

/** One segment of a template or rule pattern. */
sealed interface Segment {

    /** Matches exactly this decoded text (case-sensitive). */
    record Literal(String text) implements Segment {}

    /**
     * {@code {name}}, possibly between a literal prefix and suffix ({@code Items('{code}')}): a
     * segment that starts with {@code prefix}, ends with {@code suffix}, and has at least one
     * character between them.
     */
    record Param(String name, String prefix, String suffix) implements Segment {

        boolean fits(String segment) {
            return segment.length() > prefix.length() + suffix.length()
                    && segment.startsWith(prefix)
                    && segment.endsWith(suffix);
        }

        boolean bare() {
            return prefix.isEmpty() && suffix.isEmpty();
        }
    }

    /** {@code *} in a rule: exactly one non-empty segment. */
    record One() implements Segment {}

    /** {@code **} in a rule, last only: one or more segments. */
    record Rest() implements Segment {}

    /** True when this segment accepts {@code segment} (never asked of {@link Rest}). */
    default boolean accepts(String segment) {
        return switch (this) {
            case Literal l -> l.text().equals(segment);
            case Param p -> p.fits(segment);
            case One o -> true;
            case Rest r -> true;
        };
    }

    /**
     * How specific the segment is, lower first: a literal (0), a parameter between literals (1,
     * longer literals first), a whole-segment parameter or {@code *} (2).
     */
    default int rank() {
        return switch (this) {
            case Literal l -> 0;
            case Param p -> p.bare() ? 2 : 1;
            case One o -> 2;
            case Rest r -> 3;
        };
    }

    /** The literal characters of a parameter segment, for ordering within rank 1. */
    default int affixLength() {
        return this instanceof Param p ? p.prefix().length() + p.suffix().length() : 0;
    }
}
