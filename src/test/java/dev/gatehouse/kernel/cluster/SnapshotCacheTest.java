package dev.gatehouse.kernel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The cache behind the relay's checks: found values are kept; evictions win over lookups. */
class SnapshotCacheTest {

    final SnapshotCache<String> cache = new SnapshotCache<>(100, Duration.ofHours(1));
    final AtomicReference<String> database = new AtomicReference<>("active");
    final AtomicInteger reads = new AtomicInteger();

    Optional<String> read(String key) {
        reads.incrementAndGet();
        return Optional.ofNullable(database.get());
    }

    @Test
    void aFoundValueIsReadOnceAndThenServedFromTheCache() {
        assertThat(cache.get("k", this::read)).contains("active");
        database.set("suspended");

        assertThat(cache.get("k", this::read)).contains("active");
        assertThat(reads).hasValue(1);
    }

    @Test
    void nothingFoundIsNotCached() {
        database.set(null);
        cache.get("k", this::read);
        database.set("active");

        assertThat(cache.get("k", this::read)).contains("active");
        assertThat(reads).hasValue(2);
    }

    @Test
    void anEvictionDropsTheMatchingValuesOnly() {
        cache.get("a", k -> Optional.of("acct-1"));
        cache.get("b", k -> Optional.of("acct-2"));

        cache.evictIf(v -> v.equals("acct-1"));

        assertThat(cache.get("a", k -> Optional.of("reloaded"))).contains("reloaded");
        assertThat(cache.get("b", k -> Optional.of("reloaded"))).contains("acct-2");
    }

    @Test
    void aLookupThatReadBeforeAnEvictionDoesNotStoreWhatItRead() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch evicted = new CountDownLatch(1);
        CompletableFuture<Optional<String>> inFlight =
                CompletableFuture.supplyAsync(
                        () ->
                                cache.get(
                                        "k",
                                        k -> {
                                            Optional<String> stale = read(k);
                                            reading.countDown();
                                            await(evicted);
                                            return stale;
                                        }));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        // The change commits and its eviction arrives while the lookup is still in flight.
        database.set("suspended");
        cache.evictIf(v -> true);
        evicted.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS)).contains("active");
        assertThat(cache.get("k", this::read)).contains("suspended");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
