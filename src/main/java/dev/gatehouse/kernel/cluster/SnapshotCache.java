package dev.gatehouse.kernel.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A node-local cache of found values whose evictions win over lookups in flight. Thread-safe.
 *
 * <p>Design: an eviction can race a lookup that read the database just before the change that
 * caused the eviction committed; stored after the eviction, that stale value would be served until
 * it expires. So every eviction bumps an epoch under a write lock, and a lookup stores its value
 * only if the epoch it started under is still current, checked and stored under the read lock.
 * Caffeine's own {@code invalidate} does not cover this for values not yet stored. Lookups that
 * find nothing are not stored. Pair it with an {@link InvalidationHandler} whose evictions call
 * this cache's, so that changes published through {@link ClusterInvalidations} reach every node.
 */
public final class SnapshotCache<V> {

    private final Cache<String, V> cache;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long epoch;

    public SnapshotCache(long maximumSize, Duration timeToLive) {
        this.cache =
                Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive).build();
    }

    /** The cached value of {@code key}, or what {@code loader} finds (stored if still current). */
    public Optional<V> get(String key, Function<String, Optional<V>> loader) {
        V cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long startedUnder = currentEpoch();
        Optional<V> loaded = loader.apply(key);
        if (loaded.isPresent()) {
            lock.readLock().lock();
            try {
                if (epoch == startedUnder) {
                    cache.put(key, loaded.get());
                }
            } finally {
                lock.readLock().unlock();
            }
        }
        return loaded;
    }

    /** Drops {@code key}, and any value a lookup in flight would store. */
    public void evict(String key) {
        lock.writeLock().lock();
        try {
            epoch++;
            cache.invalidate(key);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Drops every value {@code concerned} matches, and any value a lookup in flight would store.
     */
    public void evictIf(Predicate<V> concerned) {
        lock.writeLock().lock();
        try {
            epoch++;
            cache.asMap().values().removeIf(concerned);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void evictAll() {
        lock.writeLock().lock();
        try {
            epoch++;
            cache.invalidateAll();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private long currentEpoch() {
        lock.readLock().lock();
        try {
            return epoch;
        } finally {
            lock.readLock().unlock();
        }
    }
}
