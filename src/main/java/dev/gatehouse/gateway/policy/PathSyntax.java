package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of catalog templates and rule patterns. A text starts with {@code /}; {@code /}
 * alone is the root; no empty segments and no trailing slash; at most {@value #MAX_LENGTH}
 * characters and {@value CanonicalPath#MAX_SEGMENTS} segments. A literal segment is written in
 * plain ASCII from {@code A–Z a–z 0–9 - . _ ~ ! $ & ' ( ) + , = : @} (no percent-encoding, never
 * {@code .} or {@code ..}); a segment may hold one parameter {@code {name}} (a name of 1–64
 * characters from {@code A–Z a–z 0–9 _ . -}, unique in the text), alone ({@code /customers/{id}})
 * or between literal characters ({@code /Items('{code}')}, as OData keys are written); it matches
 * at least one character. Patterns also allow {@code *} (one segment) and {@code **} (the rest,
 * last only), each as a whole segment.
 */
final class PathSyntax {

    static final int MAX_LENGTH = 1024;

    private static final Pattern PARAM =
            Pattern.compile(
                    "([A-Za-z0-9\\-._~!$&'()+,=:@]*)\\{([A-Za-z0-9_.-]{1,64})}"
                            + "([A-Za-z0-9\\-._~!$&'()+,=:@]*)");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9\\-._~!$&'()+,=:@]+");

    private PathSyntax() {}

    static Validated<List<Segment>> read(String field, String text, boolean pattern) {
        if (text.isEmpty() || text.charAt(0) != '/') {
            return Validated.invalid(field, "must start with /, was \"" + shorten(text) + "\"");
        }
        if (text.length() > MAX_LENGTH) {
            return Validated.invalid(
                    field, "must be at most " + MAX_LENGTH + " characters, was " + text.length());
        }
        if (text.equals("/")) {
            return Validated.valid(List.of());
        }
        String[] parts = text.substring(1).split("/", -1);
        if (parts.length > CanonicalPath.MAX_SEGMENTS) {
            return Validated.invalid(
                    field, "must have at most " + CanonicalPath.MAX_SEGMENTS + " segments");
        }
        List<Segment> segments = new ArrayList<>(parts.length);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            Matcher param = PARAM.matcher(p);
            @Nullable String problem = null;
            if (p.isEmpty()) {
                problem = last ? "must not end with /" : "must not contain an empty segment (//)";
            } else if (param.matches()) {
                String name = param.group(2);
                if (!names.add(name)) {
                    problem = "names the parameter {" + name + "} twice";
                } else {
                    segments.add(new Segment.Param(name, param.group(1), param.group(3)));
                }
            } else if (pattern && p.equals("*")) {
                segments.add(new Segment.One());
            } else if (pattern && p.equals("**")) {
                if (last) {
                    segments.add(new Segment.Rest());
                } else {
                    problem = "may use ** only as the last segment";
                }
            } else {
                problem = literalProblem(p, pattern);
                if (problem == null) {
                    segments.add(new Segment.Literal(p));
                }
            }
            if (problem != null) {
                return Validated.invalid(field, problem + ", was \"" + shorten(text) + "\"");
            }
        }
        return Validated.valid(segments);
    }

    private static @Nullable String literalProblem(String p, boolean pattern) {
        if (p.equals(".") || p.equals("..")) {
            return "must not contain . or .. segments";
        }
        if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
            return "may hold one parameter per segment, written {name} with a name of A-Z a-z"
                    + " 0-9 _ . - (such as {id} or Items('{code}'))";
        }
        if (p.indexOf('*') >= 0) {
            return pattern
                    ? "must write * and ** as a whole segment"
                    : "must not contain * (wildcards belong in policy rules)";
        }
        if (p.indexOf('%') >= 0) {
            return "must write characters as they are, without percent-encoding";
        }
        if (!LITERAL.matcher(p).matches()) {
            return "may only use A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) + , = : @ in a segment";
        }
        return null;
    }

    static String text(List<Segment> segments) {
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            out.append('/')
                    .append(
                            switch (s) {
                                case Segment.Literal l -> l.text();
                                case Segment.Param p ->
                                        p.prefix() + "{" + p.name() + "}" + p.suffix();
                                case Segment.One o -> "*";
                                case Segment.Rest r -> "**";
                            });
        }
        return out.toString();
    }

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
