package dev.gatehouse.kernel.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * What both Bucket4j-backed limiters share: bucket configuration, clock bridge, probe → decision.
 */
final class BucketDecisions {

    private BucketDecisions() {}

    static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(
                        l ->
                                l.capacity(limit.capacity())
                                        .refillGreedy(limit.capacity(), limit.period()))
                .build();
    }

    /** An in-memory bucket for {@code limit}, on {@code time}. */
    static Bucket localBucket(RateLimit limit, TimeMeter time) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (Bandwidth bandwidth : configuration(limit).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    static RateDecision decide(ConsumptionProbe probe, RateLimit limit) {
        if (probe.isConsumed()) {
            return new RateDecision.Allowed(
                    probe.getRemainingTokens(),
                    limit.capacity(),
                    ceilSeconds(probe.getNanosToWaitForReset()));
        }
        return limited(probe.getNanosToWaitForRefill(), limit);
    }

    /** Limited until the next token, {@code nanos} from now; never less than a second. */
    static RateDecision.Limited limited(long nanos, RateLimit limit) {
        return new RateDecision.Limited(Math.max(1, ceilSeconds(nanos)), limit.capacity());
    }

    static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** Bucket4j time from the injected clock, so tests drive buckets with a fake clock. */
    static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                var now = clock.instant();
                return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
