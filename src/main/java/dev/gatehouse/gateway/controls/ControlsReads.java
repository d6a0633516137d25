package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Policy;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Controls} caches, read from the database: the tenant's kill switch and schedule and
 * the policies of one credential set and its account, in one query inside the tenant-bound
 * transaction (primary-key look-ups of the kill switch and schedule rows, the policies through the
 * partial indexes on {@code credential_id} and {@code account_id}). Joins the caller's transaction
 * when one is bound to the tenant. Thread-safe.
 */
@Repository
class ControlsReads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Transactions tx;

    ControlsReads(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The controls of credential set {@code credentialId} of account {@code accountId}. */
    RelayControls read(TenantId tenant, long accountId, long credentialId) {
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

    /** The controls of credential set {@code credentialPublicId}, if the tenant has it. */
    Optional<RelayControls> forCredential(TenantId tenant, String credentialPublicId) {
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
