package dev.gatehouse.gateway.controls;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.cluster.SnapshotCache;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The read side the relay calls on every request: the tenant's kill switch and schedule and the
 * policies of one credential set and its account.
 *
 * <p>Design: the relay asks on every request, and reading the three tables each time cost every
 * relay a transaction of its own (three round trips: bind, query, commit), which {@code
 * bench/gateway} showed as most of its time. So each node caches what one credential set's requests
 * need, and every write of a policy, the schedule or the kill switch calls {@link #changed} inside
 * its transaction; {@link ClusterInvalidations} then evicts that tenant's entries on every node
 * before the changing call returns, so engaging the kill switch, deleting or narrowing a policy, or
 * changing the schedule holds for the next request on every node, as a revocation does (ADR 0003).
 * A load that raced the eviction is not stored ({@link SnapshotCache}). While the node cannot trust
 * its caches (its invalidation listener is down or behind), every call reads the database. The
 * time-to-live is only a safety net. Dry runs ({@link #forCredential}) always read the database.
 *
 * <p>The reads are {@link ControlsReads}'s; the three tables they read are written by {@link
 * Policies}, {@link Schedules} and {@link KillSwitches}, and each of their writes calls {@link
 * #changed}.
 *
 * <p>Thread-safe.
 */
@Component
public class Controls implements InvalidationHandler {

    static final String TOPIC = "gateway_controls";

    /** Credential sets whose controls a node keeps. */
    static final int MAX_ENTRIES = 100_000;

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private final ControlsReads reads;
    private final ClusterInvalidations cluster;
    private final SnapshotCache<Cached> cache = new SnapshotCache<>(MAX_ENTRIES, TIME_TO_LIVE);

    /** A cache entry remembers its tenant, which is what a change evicts. */
    private record Cached(long tenant, RelayControls controls) {}

    Controls(ControlsReads reads, ClusterInvalidations cluster) {
        this.reads = reads;
        this.cluster = cluster;
    }

    /**
     * The controls for a request of credential set {@code credentialId} (internal key) of account
     * {@code accountId}: the credential set's policies come first, then the account's, each oldest
     * first. Current as of the last change that returned, on any node. Inside a transaction (which
     * may hold uncommitted changes) it reads through that transaction and caches nothing.
     */
    public RelayControls forRelay(TenantId tenant, long accountId, long credentialId) {
        if (Transactions.isBound() || !cluster.cachesTrusted()) {
            return read(tenant, accountId, credentialId);
        }
        return cache.get(
                        tenant.value() + ":" + accountId + ":" + credentialId,
                        k ->
                                Optional.of(
                                        new Cached(
                                                tenant.value(),
                                                read(tenant, accountId, credentialId))))
                .orElseThrow()
                .controls();
    }

    /** Call inside the transaction that changes {@code tenant}'s policies, schedule or switch. */
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
            long tenant = Long.parseLong(key);
            cache.evictIf(c -> c.tenant() == tenant);
        } catch (NumberFormatException e) {
            cache.evictAll();
        }
    }

    @Override
    public void evictAll() {
        cache.evictAll();
    }

    /**
     * The controls for credential set {@code credentialPublicId} ({@code cred_…}) of this tenant,
     * for dry runs ({@code decisions:explain}), read from the database; empty when there is no such
     * credential set.
     */
    public Optional<RelayControls> forCredential(TenantId tenant, String credentialPublicId) {
        return reads.forCredential(tenant, credentialPublicId);
    }

    private RelayControls read(TenantId tenant, long accountId, long credentialId) {
        return reads.read(tenant, accountId, credentialId);
    }
}
