package dev.gatehouse.gateway.policy;

import java.util.List;
import java.util.function.Function;

/**
 * The outcome of checking an input: the value, or every {@link Problem} found (never an exception
 * for bad input).
 *
 * @param <T> the checked value
 */
public sealed interface Validated<T> {

    /** An accepted value. */
    record Valid<T>(T value) implements Validated<T> {}

    /** A refused input; {@code problems} is never empty. */
    record Invalid<T>(List<Problem> problems) implements Validated<T> {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid input needs at least one problem");
            }
        }
    }

    static <T> Validated<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Validated<T> invalid(String field, String message) {
        return new Invalid<>(List.of(new Problem(field, message)));
    }

    static <T> Validated<T> invalid(List<Problem> problems) {
        return new Invalid<>(problems);
    }

    /** The problems, empty when valid. */
    default List<Problem> problems() {
        return switch (this) {
            case Valid<T> v -> List.of();
            case Invalid<T> i -> i.problems();
        };
    }

    /**
     * The value; for callers that checked {@link #problems()} first.
     *
     * @throws IllegalStateException when invalid
     */
    default T orElseThrow() {
        return switch (this) {
            case Valid<T> v -> v.value();
            case Invalid<T> i ->
                    throw new IllegalStateException("invalid: " + i.problems().getFirst());
        };
    }

    /** The value mapped, or the same problems. */
    default <R> Validated<R> map(Function<T, R> f) {
        return switch (this) {
            case Valid<T> v -> new Valid<>(f.apply(v.value()));
            case Invalid<T> i -> new Invalid<>(i.problems());
        };
    }
}
