package dev.gatehouse.kernel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketState;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spends tokens leased from shared buckets, so most requests are decided on the node.
 *
 * <p><b>Design note — token leasing.</b> A node takes a <em>lease</em> of up to {@code k} tokens
 * from a subject's shared bucket in one round trip ({@code tryConsumeAsMuchAsPossible(k)}) and
 * spends them locally, one per request, until none is left; only then does it ask again. With
 * {@code k = max(1, capacity / 100)} ({@link #leaseSize}) a hot key costs one round trip per 1 % of
 * its limit, and limits under 200 per period (sign-in, per-IP, login-style limits) have {@code k =
 * 1}: every request asks the shared bucket, as before, and stays exact.
 *
 * <p>Bounds, stated in tokens of the limit's capacity {@code L} (see ADR 0005):
 *
 * <ul>
 *   <li><b>Over-admission:</b> every admitted request spends a token the shared bucket handed out,
 *       so the cluster never admits more than the shared bucket allows since the bucket was
 *       created. Measured over an arbitrary window, a node may additionally spend what it leased
 *       before the window opened: at most {@code k - 1} tokens, i.e. below 1 % of {@code L} per
 *       node. Margin: 0 for {@code L < 200}, under 1 % of {@code L} per node otherwise.
 *   <li><b>Under-admission:</b> at most {@code k - 1} leased tokens per node stay unspent while the
 *       shared bucket is empty (or are dropped when an idle lease is evicted); they are never given
 *       back, and the bucket refills them like any spent token.
 *   <li><b>Refusals:</b> when a lease comes back empty, the node refuses locally until the shared
 *       bucket's next token is due. No token can appear earlier, so this loses nothing and a client
 *       hammering over its limit costs one round trip per refill interval, not one per request.
 * </ul>
 *
 * <p>Bucket4j's delaying optimization was rejected for the same job: it consumes locally and
 * reconciles afterwards, which over-admitted 268 of 300 against a limit of 100 on two nodes. A
 * lease takes its tokens from the shared bucket <em>before</em> they are spent.
 *
 * <p>{@code RateLimit-Remaining} and the allowed {@code RateLimit-Reset} are this node's view: the
 * shared bucket at its last lease plus its own unspent tokens. A limited decision is exact. One
 * lock per subject serialises a node's lease renewals; threads of that subject wait for the renewal
 * in flight rather than each asking the database. Thread-safe.
 */
final class TokenLeases implements RateLimiter {

    /** A lease is this fraction of the limit's capacity, at least one token. */
    static final long LEASE_DIVISOR = 100;

    /** Where the shared buckets come from: one bucket per storage key, configured for a limit. */
    @FunctionalInterface
    interface SharedBuckets {
        Bucket bucket(String bucketKey, RateLimit limit);
    }

    private final SharedBuckets shared;
    private final TimeMeter time;
    private final Cache<String, Lease> leases;

    /**
     * @param time the same time the shared buckets use
     * @param maxKeys how many subjects' leases a node keeps; an evicted lease drops its unspent
     *     tokens
     */
    TokenLeases(SharedBuckets shared, TimeMeter time, long maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("max_keys must be at least 1, was " + maxKeys);
        }
        this.shared = shared;
        this.time = time;
        this.leases =
                Caffeine.newBuilder()
                        .maximumSize(maxKeys)
                        .expireAfterAccess(Duration.ofMinutes(10))
                        .build();
    }

    /** Tokens a node leases at a time under {@code limit}: 1 % of its capacity, at least 1. */
    static long leaseSize(RateLimit limit) {
        return Math.max(1, limit.capacity() / LEASE_DIVISOR);
    }

    @Override
    public RateDecision tryConsume(String subjectKey, RateLimit limit) {
        String key = limit.bucketKey(subjectKey);
        return leases.get(key, k -> new Lease(shared.bucket(k, limit))).spend(limit);
    }

    /** One subject's lease on this node. Guarded by {@code lock}. */
    private final class Lease {
        private final ReentrantLock lock = new ReentrantLock();
        private final Bucket bucket;
        private long unspent;
        private long leasedAt;
        private long sharedAvailable;
        private long fullAfterNanos;
        private long refusedUntil = Long.MIN_VALUE;

        Lease(Bucket bucket) {
            this.bucket = bucket;
        }

        RateDecision spend(RateLimit limit) {
            lock.lock();
            try {
                long now = time.currentTimeNanos();
                if (unspent == 0 && now >= refusedUntil) {
                    renew(leaseSize(limit));
                    now = leasedAt;
                }
                if (unspent == 0) {
                    return BucketDecisions.limited(refusedUntil - now, limit);
                }
                unspent--;
                long sinceLease = Math.max(0, now - leasedAt);
                return new RateDecision.Allowed(
                        Math.min(limit.capacity(), unspent + sharedAvailable),
                        limit.capacity(),
                        BucketDecisions.ceilSeconds(Math.max(0, fullAfterNanos - sinceLease)));
            } finally {
                lock.unlock();
            }
        }

        /** One round trip: takes up to {@code size} tokens and notes the shared bucket's state. */
        private void renew(long size) {
            VerboseResult<Long> result = bucket.asVerbose().tryConsumeAsMuchAsPossible(size);
            BucketState state = result.getState();
            leasedAt = result.getOperationTimeNanos();
            unspent = result.getValue();
            sharedAvailable = state.getAvailableTokens();
            fullAfterNanos = state.calculateFullRefillingTime(leasedAt);
            refusedUntil =
                    unspent > 0
                            ? Long.MIN_VALUE
                            : leasedAt
                                    + state.calculateDelayNanosAfterWillBePossibleToConsume(
                                            1, leasedAt, false);
        }
    }
}
