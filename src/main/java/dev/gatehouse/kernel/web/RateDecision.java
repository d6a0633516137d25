package dev.gatehouse.kernel.web;

/**
 * The answer of a {@link RateLimiter}: allowed with what is left, or limited with when to retry.
 */
public sealed interface RateDecision permits RateDecision.Allowed, RateDecision.Limited {

    /** The limit's capacity, for {@code RateLimit-Limit}. */
    long limit();

    /** Seconds until the bucket is full again, for {@code RateLimit-Reset}. */
    long resetSeconds();

    /** Requests left in the window, for {@code RateLimit-Remaining}. */
    long remaining();

    record Allowed(long remaining, long limit, long resetSeconds) implements RateDecision {}

    record Limited(long retryAfterSeconds, long limit, long resetSeconds) implements RateDecision {
        @Override
        public long remaining() {
            return 0;
        }
    }
}
