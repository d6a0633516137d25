package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * The path of a policy rule: a catalog template ({@code /customers/{id}}, where {@code {name}}
 * matches one segment, or within one as in {@code /Items('{code}')}) or a pattern with {@code *}
 * (exactly one non-empty segment) and {@code **} (the rest, only as the last segment). {@code **}
 * matches <em>one or more</em> segments, never zero: {@code /reports/**} grants {@code
 * /reports/2026/q1} but not {@code /reports} itself, so a rule never reaches further than it reads
 * (add {@code /reports} when the collection is meant too). Literal segments compare with the
 * decoded request segments exactly (case-sensitive). Immutable.
 */
public final class PathPattern {

    private final List<Segment> segments;
    private final String text;

    private PathPattern(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        this.text = PathSyntax.text(this.segments);
    }

    /** Checks {@code text}; problems are reported on the field {@code path}. */
    public static Validated<PathPattern> parse(String text) {
        return PathSyntax.read("path", text, true).map(PathPattern::new);
    }

    /** True when the pattern matches {@code path}'s decoded segments. */
    public boolean matches(CanonicalPath path) {
        List<String> actual = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s instanceof Segment.Rest) {
                return actual.size() > i;
            }
            if (i >= actual.size() || !s.accepts(actual.get(i))) {
                return false;
            }
        }
        return actual.size() == segments.size();
    }

    /** How much of the paths {@code template} matches this pattern grants. */
    public Coverage covers(PathTemplate template) {
        List<Segment> t = template.segments();
        boolean full = true;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s instanceof Segment.Rest) {
                return t.size() > i ? (full ? Coverage.FULL : Coverage.PARTIAL) : Coverage.NONE;
            }
            if (i >= t.size()) {
                return Coverage.NONE;
            }
            Coverage one = covers(s, t.get(i));
            if (one == Coverage.NONE) {
                return Coverage.NONE;
            }
            full &= one == Coverage.FULL;
        }
        if (t.size() != segments.size()) {
            return Coverage.NONE;
        }
        return full ? Coverage.FULL : Coverage.PARTIAL;
    }

    /** How much of what template segment {@code t} accepts pattern segment {@code s} accepts. */
    private static Coverage covers(Segment s, Segment t) {
        return switch (s) {
            case Segment.One o -> Coverage.FULL;
            case Segment.Rest r -> Coverage.FULL;
            case Segment.Literal(String literal) ->
                    switch (t) {
                        case Segment.Literal(String other) ->
                                literal.equals(other) ? Coverage.FULL : Coverage.NONE;
                        default -> t.accepts(literal) ? Coverage.PARTIAL : Coverage.NONE;
                    };
            case Segment.Param p ->
                    switch (t) {
                        case Segment.Literal(String other) ->
                                p.fits(other) ? Coverage.FULL : Coverage.NONE;
                        case Segment.Param q -> covers(p, q);
                        default -> p.bare() ? Coverage.FULL : Coverage.PARTIAL;
                    };
        };
    }

    /**
     * Parameter against parameter: everything {@code q} accepts is accepted by {@code p} when
     * {@code q}'s prefix extends {@code p}'s and its suffix extends {@code p}'s; some of it when
     * the prefixes and the suffixes are each compatible (a long enough middle fits both); else
     * nothing.
     */
    private static Coverage covers(Segment.Param p, Segment.Param q) {
        if (q.prefix().startsWith(p.prefix()) && q.suffix().endsWith(p.suffix())) {
            return Coverage.FULL;
        }
        boolean prefixes = q.prefix().startsWith(p.prefix()) || p.prefix().startsWith(q.prefix());
        boolean suffixes = q.suffix().endsWith(p.suffix()) || p.suffix().endsWith(q.suffix());
        return prefixes && suffixes ? Coverage.PARTIAL : Coverage.NONE;
    }

    /** The pattern as written in the rule. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PathPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
