package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.tenancy.TenantId;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upstream of each tenant as the relay reads it: from memory while this node's caches are
 * trusted, else from the database. A save publishes {@link #TOPIC} in its transaction, so every
 * node drops its copy before the save's call returns (ADR 0003). A load that races an eviction is
 * not kept. Thread-safe.
 */
final class UpstreamDirectory implements InvalidationHandler {

    static final String TOPIC = "gateway_upstreams";

    private final Upstreams upstreams;
    private final ClusterInvalidations cluster;
    private final UpstreamSessions sessions;
    private final Map<Long, Optional<Upstream>> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    UpstreamDirectory(
            Upstreams upstreams, ClusterInvalidations cluster, UpstreamSessions sessions) {
        this.upstreams = upstreams;
        this.cluster = cluster;
        this.sessions = sessions;
    }

    Optional<Upstream> find(TenantId tenant) {
        if (!cluster.cachesTrusted()) {
            return upstreams.find(tenant);
        }
        Optional<Upstream> hit = cache.get(tenant.value());
        if (hit != null) {
            return hit;
        }
        long before = generation.get();
        Optional<Upstream> loaded = upstreams.find(tenant);
        if (generation.get() == before) {
            cache.putIfAbsent(tenant.value(), loaded);
        }
        return loaded;
    }

    /** Publishes the change of {@code tenant}'s upstream; call inside the saving transaction. */
    void changed(TenantId tenant) {
        cluster.publish(TOPIC, Long.toString(tenant.value()));
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void evict(String key) {
        generation.incrementAndGet();
        long tenant = Long.parseLong(key);
        cache.remove(tenant);
        sessions.forget(tenant);
    }

    @Override
    public void evictAll() {
        generation.incrementAndGet();
        cache.clear();
    }
}
