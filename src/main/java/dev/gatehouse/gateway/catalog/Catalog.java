package dev.gatehouse.gateway.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * The relay's view of a tenant's endpoint catalog, read per request. Thread-safe.
 *
 * <p>Design: the relay asks on every request, so reading the table each time would cost every relay
 * a database round trip. Instead each node caches a tenant's whole catalog (at most {@value
 * CatalogAdministration#MAX_ENDPOINTS} entries) and every change — add, delete, import — calls
 * {@link #changed} inside its transaction; {@link ClusterInvalidations} then evicts that tenant on
 * every node before the changing call returns, so a deleted endpoint fails closed on the next
 * request everywhere, as a revocation does. An eviction that races a load waits for it and removes
 * what it loaded (Caffeine computes under the key's lock). While the node cannot trust its caches
 * (its invalidation listener is down or behind), every call reads the database. The time-to-live is
 * only a safety net.
 */
@Component
public class Catalog implements InvalidationHandler {

    static final String TOPIC = "gateway_catalog";
    static final int MAX_TENANTS = 10_000;
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private final Endpoints endpoints;
    private final ClusterInvalidations cluster;
    private final Cache<Long, List<CatalogEndpoint>> cache =
            Caffeine.newBuilder().maximumSize(MAX_TENANTS).expireAfterWrite(TIME_TO_LIVE).build();

    Catalog(Endpoints endpoints, ClusterInvalidations cluster) {
        this.endpoints = endpoints;
        this.cluster = cluster;
    }

    /**
     * Every catalog endpoint of {@code tenant}, oldest first; immutable. Current as of the last
     * change that returned, on any node.
     */
    public List<CatalogEndpoint> endpoints(TenantId tenant) {
        if (!cluster.cachesTrusted()) {
            return List.copyOf(endpoints.all(tenant));
        }
        return cache.get(tenant.value(), k -> List.copyOf(endpoints.all(tenant)));
    }

    /** Call inside the transaction that changes {@code tenant}'s catalog. */
    void changed(TenantId tenant) {
        cluster.publish(TOPIC, Long.toString(tenant.value()));
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void evict(String key) {
        try {
            cache.invalidate(Long.parseLong(key));
        } catch (NumberFormatException e) {
            cache.invalidateAll();
        }
    }

    @Override
    public void evictAll() {
        cache.invalidateAll();
    }
}
