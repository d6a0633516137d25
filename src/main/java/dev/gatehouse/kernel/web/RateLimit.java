package dev.gatehouse.kernel.web;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named token-bucket limit: {@code capacity} requests per {@code period}, refilled greedily. The
 * name separates buckets of different limits for the same subject.
 *
 * @param name short stable name such as {@code ip} or {@code key}, {@code [a-z0-9_]{1,32}}
 * @param capacity requests per period, at least 1
 * @param period refill period, between 1 second and 1 day
 */
public record RateLimit(String name, long capacity, Duration period) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "rate limit name must match [a-z0-9_]{1,32}, was '" + name + "'");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "rate limit capacity must be at least 1, was " + capacity);
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0
                || period.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "rate limit period must be between 1s and 1d, was " + period);
        }
    }

    public static RateLimit perMinute(String name, long capacity) {
        return new RateLimit(name, capacity, Duration.ofMinutes(1));
    }

    /** The storage key of {@code subject}'s bucket under this limit. */
    String bucketKey(String subject) {
        return name + ":" + subject;
    }
}
