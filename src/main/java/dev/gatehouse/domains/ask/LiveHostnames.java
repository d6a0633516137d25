package dev.gatehouse.domains.ask;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.SystemScope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Answers {@code ask} — may this hostname get a certificate, and where does it go — from a
 * node-local cache kept coherent across the cluster. Thread-safe.
 *
 * <p>Design: anything that is not a hostname (IP literals, wildcards, malformed or over-long input)
 * is refused without a lookup and never cached. A hostname is looked up once ({@link
 * LiveConnections}: one indexed query in the system scope) and the answer, allow or deny, is
 * cached: scanners repeat the same names, and Caddy asks again on every handshake that has no
 * certificate yet. Input that already is a cache key (the usual case: proxies send lower-case
 * names) is answered by one cache probe before any parsing. Whoever changes whether a hostname is
 * live (goes live, leaves live, is removed) calls {@link #changed} inside that transaction, and
 * whoever changes an application's or tenant's status calls {@link #changedAll}; {@link
 * ClusterInvalidations} then evicts on every node before the change's call returns, so a cached
 * deny never hides a hostname that just went live and a cached allow never outlives a removal. An
 * eviction that races a lookup waits for it and then removes what it loaded (Caffeine computes
 * under the key's lock). When the node cannot trust its caches, every ask reads the database; the
 * time-to-live is only a safety net. Lookups that miss the cache share at most half the connection
 * pool, so a flood of random names cannot starve the API of connections; a lookup that cannot get a
 * turn, or fails, answers {@link AskAnswer.Unavailable} and is not cached. Nothing on the path
 * writes, resolves names or calls the network.
 */
@Component
public class LiveHostnames implements InvalidationHandler {

    static final String TOPIC = "domains_ask";

    /**
     * The key that {@link #changedAll} publishes: forget every hostname. Never a hostname itself.
     */
    static final String EVERYTHING = "*";

    static final int MAX_ENTRIES = 100_000;
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);
    private static final Duration LOOKUP_WAIT = Duration.ofSeconds(2);
    private static final SystemScope LOOKUP = new SystemScope("ask: is this hostname live");
    private static final Logger log = LoggerFactory.getLogger(LiveHostnames.class);

    private final ClusterInvalidations cluster;
    private final LiveConnections connections;
    private final Cache<String, AskAnswer> cache;
    private final Semaphore lookups;
    private final Counter allowed;
    private final Counter denied;
    private final Counter invalid;
    private final Counter failed;

    LiveHostnames(
            ClusterInvalidations cluster,
            LiveConnections connections,
            MeterRegistry meters,
            Settings settings) {
        this.cluster = cluster;
        this.connections = connections;
        this.cache =
                Caffeine.newBuilder()
                        .maximumSize(MAX_ENTRIES)
                        .expireAfterWrite(TIME_TO_LIVE)
                        .build();
        this.lookups = new Semaphore(Math.max(1, settings.database().poolSize() / 2));
        this.allowed = counter(meters, "allow");
        this.denied = counter(meters, "deny");
        this.invalid = counter(meters, "invalid");
        this.failed = counter(meters, "error");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("gatehouse.domains.ask")
                .description("Answers of the on-demand TLS ask endpoint")
                .tag("result", result)
                .register(meters);
    }

    /**
     * The answer for {@code domain} as the TLS proxy sent it (any case, maybe a trailing dot).
     *
     * @param domain the {@code domain} query parameter; null when it was missing
     */
    public AskAnswer ask(@Nullable String domain) {
        AskAnswer answer = answer(domain);
        switch (answer) { // the labels are AskAnswer.result()
            case AskAnswer.Allow a -> allowed.increment();
            case AskAnswer.Deny d -> denied.increment();
            case AskAnswer.Invalid i -> invalid.increment();
            case AskAnswer.Unavailable u -> failed.increment();
        }
        return answer;
    }

    private AskAnswer answer(@Nullable String domain) {
        if (domain == null || domain.length() > Hostnames.MAX_INPUT) {
            return AskAnswer.Invalid.INSTANCE;
        }
        boolean trusted = cluster.cachesTrusted();
        // Keys are normalised hostnames only, so input found as it is needs no normalising (the
        // usual case).
        @Nullable AskAnswer cached = trusted ? cache.getIfPresent(domain) : null;
        if (cached != null) {
            return cached;
        }
        String hostname = Hostnames.quickNormalise(domain);
        if (hostname == null) {
            return AskAnswer.Invalid.INSTANCE;
        }
        cached = trusted && !hostname.equals(domain) ? cache.getIfPresent(hostname) : null;
        if (cached != null) {
            return cached;
        }
        return withTurn(() -> trusted ? cache.get(hostname, this::load) : load(hostname));
    }

    private AskAnswer withTurn(Supplier<AskAnswer> lookup) {
        try {
            if (!lookups.tryAcquire(LOOKUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.debug(
                        "ask: no lookup slot within {} ms; answering unavailable",
                        LOOKUP_WAIT.toMillis());
                return AskAnswer.Unavailable.INSTANCE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AskAnswer.Unavailable.INSTANCE;
        }
        try {
            return lookup.get();
        } catch (DataAccessException e) {
            // Counted as result="error"; not logged per request, since a flood would flood the log
            // too.
            log.debug(
                    "ask: lookup failed ({}); answering unavailable", e.getClass().getSimpleName());
            return AskAnswer.Unavailable.INSTANCE;
        } finally {
            lookups.release();
        }
    }

    private AskAnswer load(String hostname) {
        Optional<String> origin = connections.originOf(LOOKUP, hostname);
        return origin.<AskAnswer>map(AskAnswer.Allow::new).orElse(AskAnswer.Deny.INSTANCE);
    }

    /**
     * The hostname's answer may change when the current transaction commits (it goes live, leaves
     * live or is removed): every node forgets it on commit, before the committing call returns.
     *
     * @throws IllegalStateException outside a transaction
     */
    public void changed(String hostname) {
        String normalised = Hostnames.quickNormalise(hostname);
        cluster.publish(
                TOPIC, normalised != null ? normalised : hostname.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Any number of answers may change when the current transaction commits (an application is
     * disabled or deleted, a tenant suspended or resumed, an origin edited): every node forgets
     * every hostname on commit.
     *
     * @throws IllegalStateException outside a transaction
     */
    public void changedAll() {
        cluster.publish(TOPIC, EVERYTHING);
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void evict(String key) {
        if (EVERYTHING.equals(key)) {
            cache.invalidateAll();
        } else {
            cache.invalidate(key);
        }
    }

    @Override
    public void evictAll() {
        cache.invalidateAll();
    }
}
