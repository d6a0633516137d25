package dev.gatehouse.domains.webhooks;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What happens to a delivery after an attempt: the decision core of the dispatcher, without I/O.
 *
 * <p>2xx is delivered. 410 Gone disables the application's webhook. Any other 4xx except 408 and
 * 429 means the receiver refuses this event: give up. 3xx (redirects are never followed), 408, 429,
 * 5xx, anything else, timeouts and connection errors are retried. The delay before attempt {@code n
 * + 1} is drawn uniformly from {@code [0, min(cap, base * 2^(n-1))]} ("full jitter", so retries
 * from many deliveries spread out instead of arriving in waves), at least a 429/503's {@code
 * Retry-After} (up to the cap). Nothing is retried after {@code horizon} from the event's creation:
 * the last retry is placed at the horizon, and an attempt that fails there gives up.
 *
 * <p>Thread-safe if the random generator is.
 */
final class Retries {

    /** How an attempt ended. */
    sealed interface Outcome {

        /**
         * The receiver answered; {@code retryAfter} from its {@code Retry-After} header, if any.
         */
        record Answered(int status, @Nullable Duration retryAfter) implements Outcome {}

        /** Nothing was answered: {@code error} is a short class such as {@code timeout}. */
        record Unsent(String error, boolean retryable) implements Outcome {}
    }

    /** What to do with the delivery. */
    sealed interface Verdict {

        record Delivered() implements Verdict {}

        record Retry(Instant at) implements Verdict {}

        /** Status {@code failed}: nothing more will be tried. */
        record GiveUp(String reason) implements Verdict {}

        /** Status {@code disabled}, and the application's webhook is switched off. */
        record Disable(String reason) implements Verdict {}
    }

    private final Duration base;
    private final Duration cap;
    private final Duration horizon;
    private final RandomGenerator random;

    Retries(Duration base, Duration cap, Duration horizon, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException(
                    "need 0 < base <= cap, was base " + base + ", cap " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The verdict after attempt number {@code attempt} (1-based) of an event created at {@code
     * createdAt}.
     */
    Verdict after(Outcome outcome, int attempt, Instant createdAt, Instant now) {
        return switch (outcome) {
            case Outcome.Answered(int status, Duration retryAfter)
                    when status >= 200 && status < 300 ->
                    new Verdict.Delivered();
            case Outcome.Answered(int status, Duration retryAfter) when status == 410 ->
                    new Verdict.Disable("gone");
            case Outcome.Answered(int status, Duration retryAfter)
                    when status >= 400 && status < 500 && status != 408 && status != 429 ->
                    new Verdict.GiveUp("rejected");
            case Outcome.Answered(int status, Duration retryAfter) ->
                    retry(attempt, createdAt, now, retryAfter);
            case Outcome.Unsent(String error, boolean retryable) when !retryable ->
                    new Verdict.GiveUp(error);
            case Outcome.Unsent u -> retry(attempt, createdAt, now, null);
        };
    }

    /**
     * The error class an attempt's log line shows, if any (a status code speaks for itself, except
     * a redirect).
     */
    static @Nullable String error(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Answered(int status, Duration retryAfter)
                    when status >= 300 && status < 400 ->
                    "redirect_not_followed";
            case Outcome.Answered a -> null;
            case Outcome.Unsent(String error, boolean retryable) -> error;
        };
    }

    /**
     * A random delay before the attempt after attempt number {@code attempt}, in {@code [0,
     * min(cap, base * 2^(attempt-1))]}.
     */
    Duration delay(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        long ceiling = base.toMillis() << doublings;
        if (ceiling <= 0 || ceiling > cap.toMillis()) {
            ceiling = cap.toMillis();
        }
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    private Verdict retry(
            int attempt, Instant createdAt, Instant now, @Nullable Duration retryAfter) {
        Instant deadline = createdAt.plus(horizon);
        if (!now.isBefore(deadline)) {
            return new Verdict.GiveUp("expired");
        }
        Duration wait = delay(attempt);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        }
        Instant at = now.plus(wait);
        return new Verdict.Retry(at.isAfter(deadline) ? deadline : at);
    }
}
