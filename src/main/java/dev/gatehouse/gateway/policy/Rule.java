package dev.gatehouse.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One grant of a policy: an HTTP method (or {@code *} for any) and a {@link PathPattern}.
 *
 * @param method an upper-case method name of 1–16 letters ({@code GET}, {@code PATCH}), or {@code
 *     *}
 * @param path what the rule grants
 */
public record Rule(String method, PathPattern path) {

    /** Any method. */
    public static final String ANY_METHOD = "*";

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    public Rule {
        Objects.requireNonNull(path, "path");
        if (!ANY_METHOD.equals(method) && !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException(
                    "rule method must be * or [A-Z]{1,16}, was " + method);
        }
    }

    /**
     * Checks a rule as a client wrote it; every problem at once, on the fields {@code method} and
     * {@code path}. The method is case-sensitive: {@code get} is refused rather than guessed.
     */
    public static Validated<Rule> parse(String method, String path) {
        List<Problem> problems = new ArrayList<>();
        if (!ANY_METHOD.equals(method) && !METHOD.matcher(method).matches()) {
            problems.add(
                    new Problem(
                            "method",
                            "must be * or an upper-case HTTP method such as GET, was \""
                                    + PathSyntax.shorten(method)
                                    + "\""));
        }
        Validated<PathPattern> pattern = PathPattern.parse(path);
        problems.addAll(pattern.problems());
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return Validated.valid(new Rule(method, pattern.orElseThrow()));
    }

    /** True when the rule grants {@code method} on {@code path}. */
    public boolean grants(String requestMethod, CanonicalPath requestPath) {
        return methodMatches(requestMethod) && path.matches(requestPath);
    }

    /** How much of {@code endpoint} the rule grants. */
    public Coverage covers(Endpoint endpoint) {
        return methodMatches(endpoint.method()) ? path.covers(endpoint.template()) : Coverage.NONE;
    }

    private boolean methodMatches(String requestMethod) {
        return ANY_METHOD.equals(method) || method.equals(requestMethod);
    }

    @Override
    public String toString() {
        return method + " " + path.text();
    }
}
