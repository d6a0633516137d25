package dev.gatehouse.gateway.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Check 8, asked only when checks 1–7 passed, so a refused request spends no allowance. The relay
 * takes a token from the credential set's bucket; a dry run ({@code decisions:explain}) only looks.
 */
@FunctionalInterface
public interface RateCheck {

    /** Takes (or, for a dry run, looks at) one request's allowance. */
    Outcome take();

    /** Within the limit, or over it. */
    sealed interface Outcome {}

    /** Within the limit. */
    record Within() implements Outcome {}

    /**
     * Over the limit.
     *
     * @param retryAfter when to retry, at least one second when answered
     */
    record Exceeded(Duration retryAfter) implements Outcome {
        public Exceeded {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** A check that is always within the limit (tests and explanations without a limiter). */
    static RateCheck unlimited() {
        return Within::new;
    }
}
