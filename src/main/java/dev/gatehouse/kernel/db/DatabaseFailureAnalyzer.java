package dev.gatehouse.kernel.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/**
 * Lets Spring Boot report a {@link DatabaseRefused} as its problem lines (one log event, no stack
 * trace) instead of "Application run failed" with the whole chain of bean-creation exceptions.
 * Registered in {@code META-INF/spring.factories}.
 */
final class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseRefused cause) {
        return new FailureAnalysis(
                cause.problems().stream()
                        .map(DatabaseProblem::toString)
                        .collect(Collectors.joining("\n")),
                "Fix the problems above and start Gatehouse again; README.md (External"
                        + " PostgreSQL) says what the database user needs.",
                cause);
    }
}
