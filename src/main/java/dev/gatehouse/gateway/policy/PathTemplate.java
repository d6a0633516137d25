package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.Nullable;

import java.util.Comparator;
import java.util.List;

/**
 * A catalog endpoint's {@code path_template}, such as {@code /customers/{id}}: literal segments
 * match the decoded request segment exactly (case-sensitive); {@code {name}} matches exactly one
 * non-empty segment, or, between literals ({@code /Items('{code}')}), a segment with that prefix
 * and suffix and at least one character between them. The syntax is {@link PathSyntax}'s without
 * wildcards. Immutable.
 */
public final class PathTemplate {

    /**
     * The order in which templates that match one path are preferred: compared segment by segment
     * from the left, at the first place they differ a literal beats a parameter between literals,
     * which beats a whole-segment parameter ({@code /customers/search} before {@code
     * /customers/{id}}; {@code /Items('{code}')} before {@code /{entity}}), and between two
     * parameters with literals the one with more literal characters wins; templates that match one
     * path have the same number of segments, so only templates that differ in parameter names alone
     * remain, and their text decides ({@code /a/{x}} before {@code /a/{y}}).
     */
    public static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST =
            PathTemplate::compareSpecificity;

    private final List<Segment> segments;
    private final String text;

    private PathTemplate(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        this.text = PathSyntax.text(this.segments);
    }

    /** Checks {@code text}; problems are reported on the field {@code path_template}. */
    public static Validated<PathTemplate> parse(String text) {
        return PathSyntax.read("path_template", text, false).map(PathTemplate::new);
    }

    /** True when the template matches {@code path}'s decoded segments. */
    public boolean matches(CanonicalPath path) {
        List<String> actual = path.segments();
        if (actual.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).accepts(actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The template as written in the catalog. */
    public String text() {
        return text;
    }

    List<Segment> segments() {
        return segments;
    }

    private static int compareSpecificity(PathTemplate a, PathTemplate b) {
        int n = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < n; i++) {
            Segment sa = a.segments.get(i);
            Segment sb = b.segments.get(i);
            int byRank = Integer.compare(sa.rank(), sb.rank());
            if (byRank != 0) {
                return byRank;
            }
            int byAffix = Integer.compare(sb.affixLength(), sa.affixLength());
            if (byAffix != 0) {
                return byAffix;
            }
        }
        int bySize = Integer.compare(b.segments.size(), a.segments.size());
        return bySize != 0 ? bySize : a.text.compareTo(b.text);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PathTemplate other && other.text.equals(text);
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
