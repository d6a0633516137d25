package dev.gatehouse.kernel.db;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The node cannot start because of its database: unreachable, credentials refused, a missing
 * privilege, an unsafe app role or a failed migration. Broken infrastructure, not an expected
 * outcome, so it is thrown; the command line prints each {@link #problems() problem} as one line
 * and exits with status 1. The message holds the same lines and never a secret.
 */
public final class DatabaseRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<DatabaseProblem> problems;

    public DatabaseRefused(List<DatabaseProblem> problems) {
        super(
                problems.stream().map(DatabaseProblem::toString).collect(Collectors.joining("\n")),
                null,
                false,
                false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public DatabaseRefused(DatabaseProblem problem) {
        this(List.of(problem));
    }

    public List<DatabaseProblem> problems() {
        return problems;
    }

    /** The refusal somewhere in {@code failure}'s causes, if there is one. */
    public static java.util.Optional<DatabaseRefused> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseRefused refused) {
                return java.util.Optional.of(refused);
            }
        }
        return java.util.Optional.empty();
    }
}
