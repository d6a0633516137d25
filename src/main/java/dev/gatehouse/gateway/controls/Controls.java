package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Policy;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.cluster.SnapshotCache;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>The query is one round trip inside the tenant-bound transaction: primary-key look-ups of the
 * kill switch and schedule rows, and the policies through the partial indexes on {@code
 * credential_id} and {@code account_id}. It reads three tables that {@link Policies}, {@link
 * Schedules} and {@link KillSwitches} write, and each of their writes calls {@link #changed}.
 *
 * <p>Thread-safe.
 */
@Repository
public class Controls implements InvalidationHandler {

    static final String TOPIC = "gateway_controls";

    /** Credential sets whose controls a node keeps. */
    static final int MAX_ENTRIES = 100_000;

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final ClusterInvalidations cluster;
    private final SnapshotCache<Cached> cache = new SnapshotCache<>(MAX_ENTRIES, TIME_TO_LIVE);

    /** A cache entry remembers its tenant, which is what a change evicts. */
    private record Cached(long tenant, RelayControls controls) {}

    Controls(JdbcClient jdbc, Transactions tx, ClusterInvalidations cluster) {
        this.jdbc = jdbc;
        this.tx = tx;
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

    private RelayControls read(TenantId tenant, long accountId, long credentialId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        """
                                        select k.engaged, k.reason, k.engaged_by, k.engaged_at,
                                          s.timezone, s.days, s.start_time, s.end_time, s.enabled,
                                          (select coalesce(json_agg(json_build_object(
                                              'id', p.public_id, 'version', p.version,
                                              'name', p.name, 'rules', p.rules,
                                              'exempt', p.schedule_exempt)
                                              order by (p.credential_id is null), p.id), '[]')
                                           from gateway_policies p
                                           where p.tenant_id = t.id
                                             and (p.credential_id = :credential
                                                  or p.account_id = :account))::text as policies
                                        from (select cast(:tenant as bigint) as id) t
                                        left join gateway_kill_switches k on k.tenant_id = t.id
                                        left join gateway_schedules s on s.tenant_id = t.id
                                        """)
                                .param("tenant", tenant.value())
                                .param("credential", credentialId)
                                .param("account", accountId)
                                .query(
                                        (rs, n) ->
                                                new RelayControls(
                                                        KillSwitches.read(rs, ""),
                                                        Schedules.read(rs, ""),
                                                        policies(rs.getString("policies"))))
                                .single());
    }

    /**
     * The controls for credential set {@code credentialPublicId} ({@code cred_…}) of this tenant,
     * for dry runs ({@code decisions:explain}); empty when there is no such credential set.
     */
    public Optional<RelayControls> forCredential(TenantId tenant, String credentialPublicId) {
        if (!PublicIds.looksLike("cred", credentialPublicId)) {
            return Optional.empty();
        }
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select c.id, a.account_id from gateway_credentials c join"
                                                + " gateway_actors a on a.id = c.actor_id where"
                                                + " c.tenant_id = ? and c.public_id = ?")
                                .param(tenant.value())
                                .param(credentialPublicId)
                                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                                .optional()
                                .map(ids -> read(tenant, ids[1], ids[0])));
    }

    private static List<Policy> policies(String json) {
        List<Policy> out = new ArrayList<>();
        for (JsonNode p : JSON.readTree(json)) {
            out.add(
                    new Policy(
                            p.get("id").asString(),
                            p.get("version").asInt(),
                            p.get("name").asString(),
                            RuleJson.read(p.get("rules")),
                            p.get("exempt").asBoolean()));
        }
        return out;
    }
}
