package dev.gatehouse.kernel.web;

/**
 * The answer of a {@link RateLimiter}: allowed with what is left, or limited with when to retry.
 *
 * <p>{@code RateLimit-Reset} means "seconds until the quota is back": on an allowed request, until
 * the bucket is full again; on a limited one, until the next request will be admitted, which is
 * what {@code Retry-After} says too. A limited decision has one number for both, so a 429 cannot
 * say two things.
 */
public sealed interface RateDecision permits RateDecision.Allowed, RateDecision.Limited {

    /** The limit's capacity, for {@code RateLimit-Limit}. */
    long limit();

    /** Seconds until the quota is back, for {@code RateLimit-Reset} (see the type's note). */
    long resetSeconds();

    /** Requests left in the window, for {@code RateLimit-Remaining}. */
    long remaining();

    /**
     * @param resetSeconds seconds until the bucket is full again, 0 when it already is
     */
    record Allowed(long remaining, long limit, long resetSeconds) implements RateDecision {}

    /**
     * @param retryAfterSeconds seconds until a request will be admitted again, at least 1; both
     *     {@code Retry-After} and {@code RateLimit-Reset}
     */
    record Limited(long retryAfterSeconds, long limit) implements RateDecision {

        public Limited {
            if (retryAfterSeconds < 1) {
                throw new IllegalArgumentException(
                        "retry_after_seconds must be at least 1, was " + retryAfterSeconds);
            }
        }

        @Override
        public long resetSeconds() {
            return retryAfterSeconds;
        }

        @Override
        public long remaining() {
            return 0;
        }
    }
}
