package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Rule;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code gateway_policies} table, and the look-up of the account or credential set a policy
 * names (read-only; those tables belong to the accounts and credentials code). Every method takes
 * the {@link TenantId} it works for and filters by it; row-level security is the second wall.
 */
@Repository
public class Policies {

    private static final String SELECT =
            """
            select p.id, p.public_id, p.name, p.account_id, a.public_id as account_public_id, \
            p.credential_id, c.public_id as credential_public_id, p.rules::text as rules, \
            p.schedule_exempt, p.version, p.created_at, p.updated_at \
            from gateway_policies p \
            left join gateway_accounts a on a.id = p.account_id \
            left join gateway_credentials c on c.id = p.credential_id \
            """;

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final Controls controls;

    Policies(JdbcClient jdbc, Transactions tx, Controls controls) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.controls = controls;
    }

    /** What a policy is made of, checked. */
    public record Fields(String name, Holder holder, List<Rule> rules, boolean scheduleExempt) {
        public Fields {
            rules = List.copyOf(rules);
        }
    }

    public Optional<StoredPolicy> find(TenantId tenant, String publicId) {
        if (!PublicIds.looksLike("pol", publicId)) {
            return Optional.empty();
        }
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(SELECT + "where p.tenant_id = ? and p.public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** Up to {@code limit} policies with an internal key above {@code afterId}, oldest first. */
    public List<StoredPolicy> list(TenantId tenant, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        SELECT
                                                + "where p.tenant_id = ? and p.id > ? order by p.id"
                                                + " limit ?")
                                .param(tenant.value())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /**
     * Up to {@code limit} policies attached to {@code holder} with an internal key above {@code
     * afterId}, oldest first.
     */
    public List<StoredPolicy> listOf(TenantId tenant, Holder holder, long afterId, int limit) {
        String column = holder instanceof Holder.Account ? "p.account_id" : "p.credential_id";
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        SELECT
                                                + "where p.tenant_id = ? and "
                                                + column
                                                + " = ? and p.id > ? order by p.id limit ?")
                                .param(tenant.value())
                                .param(holder.id())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /**
     * The account ({@code acct_…}) or credential set ({@code cred_…}) of this tenant with that
     * public id; empty for any other shape, a missing one, or another tenant's.
     */
    public Optional<Holder> holder(TenantId tenant, String publicId) {
        boolean account = PublicIds.looksLike("acct", publicId);
        if (!account && !PublicIds.looksLike("cred", publicId)) {
            return Optional.empty();
        }
        String table = account ? "gateway_accounts" : "gateway_credentials";
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select id from "
                                                + table
                                                + " where tenant_id = ? and public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(Long.class)
                                .optional()
                                .map(
                                        id ->
                                                account
                                                        ? new Holder.Account(id, publicId)
                                                        : new Holder.Credential(id, publicId)));
    }

    StoredPolicy insert(TenantId tenant, String publicId, Fields f, Instant now) {
        return tx.inTenant(
                tenant,
                () -> {
                    controls.changed(tenant);
                    long id =
                            jdbc.sql(
                                            "insert into gateway_policies (public_id, tenant_id,"
                                                + " name, account_id, credential_id, rules,"
                                                + " schedule_exempt, version, created_at,"
                                                + " updated_at) values (:pid, :tenant, :name,"
                                                + " :account, :credential, cast(:rules as jsonb),"
                                                + " :exempt, 1, :now, :now) returning id")
                                    .param("pid", publicId)
                                    .param("tenant", tenant.value())
                                    .param("name", f.name())
                                    .param("account", accountId(f.holder()), Types.BIGINT)
                                    .param("credential", credentialId(f.holder()), Types.BIGINT)
                                    .param("rules", RuleJson.write(f.rules()))
                                    .param("exempt", f.scheduleExempt())
                                    .param("now", Timestamp.from(now))
                                    .query(Long.class)
                                    .single();
                    return byId(tenant, id);
                });
    }

    /** Replaces every field and adds one to the version. */
    StoredPolicy replace(TenantId tenant, long id, Fields f, Instant now) {
        return tx.inTenant(
                tenant,
                () -> {
                    controls.changed(tenant);
                    jdbc.sql(
                                    "update gateway_policies set name = :name, account_id ="
                                            + " :account, credential_id = :credential, rules ="
                                            + " cast(:rules as jsonb), schedule_exempt = :exempt,"
                                            + " version = version + 1, updated_at = :now where"
                                            + " tenant_id = :tenant and id = :id")
                            .param("name", f.name())
                            .param("account", accountId(f.holder()), Types.BIGINT)
                            .param("credential", credentialId(f.holder()), Types.BIGINT)
                            .param("rules", RuleJson.write(f.rules()))
                            .param("exempt", f.scheduleExempt())
                            .param("now", Timestamp.from(now))
                            .param("tenant", tenant.value())
                            .param("id", id)
                            .update();
                    return byId(tenant, id);
                });
    }

    /** Deletes the policy; true when it was there. */
    boolean delete(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () -> {
                    controls.changed(tenant);
                    return jdbc.sql("delete from gateway_policies where tenant_id = ? and id = ?")
                                    .param(tenant.value())
                                    .param(id)
                                    .update()
                            == 1;
                });
    }

    private StoredPolicy byId(TenantId tenant, long id) {
        return jdbc.sql(SELECT + "where p.tenant_id = ? and p.id = ?")
                .param(tenant.value())
                .param(id)
                .query(ROW)
                .single();
    }

    private static @Nullable Long accountId(Holder h) {
        return h instanceof Holder.Account a ? a.id() : null;
    }

    private static @Nullable Long credentialId(Holder h) {
        return h instanceof Holder.Credential c ? c.id() : null;
    }

    private static final RowMapper<StoredPolicy> ROW =
            (rs, n) -> {
                long accountId = rs.getLong("account_id");
                Holder holder =
                        rs.wasNull()
                                ? new Holder.Credential(
                                        rs.getLong("credential_id"),
                                        rs.getString("credential_public_id"))
                                : new Holder.Account(accountId, rs.getString("account_public_id"));
                return new StoredPolicy(
                        rs.getLong("id"),
                        rs.getString("public_id"),
                        rs.getString("name"),
                        holder,
                        RuleJson.read(rs.getString("rules")),
                        rs.getBoolean("schedule_exempt"),
                        rs.getInt("version"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant());
            };
}
