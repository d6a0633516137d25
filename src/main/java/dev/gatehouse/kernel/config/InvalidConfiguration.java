package dev.gatehouse.kernel.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when the configuration has problems; carries every problem found, not just the first. */
public final class InvalidConfiguration extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfiguration(List<ConfigProblem> problems) {
        super(
                problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")),
                null,
                false,
                false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "an invalid configuration needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
