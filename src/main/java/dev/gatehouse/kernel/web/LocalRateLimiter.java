package dev.gatehouse.kernel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;

/**
 * In-memory rate limiter for a single node and for tests: one local Bucket4j bucket per key, held
 * in a bounded Caffeine cache. Idle buckets are evicted after a day (the longest period a {@link
 * RateLimit} may have), by which time they would be full anyway. Thread-safe.
 */
public final class LocalRateLimiter implements RateLimiter {

    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /**
     * @param maxKeys how many buckets to keep at most; the least recently used go first
     */
    public LocalRateLimiter(Clock clock, long maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("max_keys must be at least 1, was " + maxKeys);
        }
        this.time = BucketDecisions.timeMeter(clock);
        this.buckets =
                Caffeine.newBuilder()
                        .maximumSize(maxKeys)
                        .expireAfterAccess(Duration.ofDays(1))
                        .build();
    }

    @Override
    public RateDecision tryConsume(String subjectKey, RateLimit limit) {
        Bucket bucket =
                buckets.get(
                        limit.bucketKey(subjectKey), k -> BucketDecisions.localBucket(limit, time));
        return BucketDecisions.decide(bucket.tryConsumeAndReturnRemaining(1), limit);
    }
}
