package dev.gatehouse.erpsync.company;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sync_companies} table and its only owner. Tenant methods take the {@link TenantId}
 * they work for and filter by it (row-level security is the second wall); the scheduler reads
 * across tenants under a {@link SystemScope}.
 */
@Repository
public class Companies {

    static final String TABLE = "sync_companies";
    static final String SECRETS_COLUMN = "secrets";

    private static final String COLUMNS =
            "id, public_id, tenant_id, name, config::text as config, secrets, enabled, version,"
                    + " created_at, updated_at";

    private final JdbcClient jdbc;
    private final Transactions tx;

    Companies(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** What a save writes. */
    record Fields(String name, CompanyConfig config, String sealedSecrets, boolean enabled) {}

    public Optional<Company> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from sync_companies where tenant_id = ? and"
                                                + " public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** Up to {@code limit} companies of {@code tenant} after the row id {@code afterId}. */
    public List<Company> list(TenantId tenant, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from sync_companies where tenant_id = ? and id"
                                                + " > ? order by id limit ?")
                                .param(tenant.value())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /** Every company of every tenant, for the scheduler. */
    public List<Company> all(SystemScope scope) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("select " + COLUMNS + " from sync_companies order by id")
                                .query(ROW)
                                .list());
    }

    /** The company with row id {@code id}, whatever its tenant, for the scheduler. */
    public Optional<Company> byId(SystemScope scope, long id) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("select " + COLUMNS + " from sync_companies where id = ?")
                                .param(id)
                                .query(ROW)
                                .optional());
    }

    /**
     * Serializes company saves of {@code tenant} until the transaction ends, so the per-tenant
     * limit and the unique name are checked against a settled set. Call inside a tenant
     * transaction.
     */
    void lock(TenantId tenant) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('sync_companies'), ?::int)")
                .param((int) tenant.value())
                .query()
                .singleValue();
    }

    int count(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("select count(*) from sync_companies where tenant_id = ?")
                                .param(tenant.value())
                                .query(Integer.class)
                                .single());
    }

    /** True when another company of {@code tenant} has {@code name}, ignoring case. */
    boolean nameTaken(TenantId tenant, String name, String exceptPublicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select exists (select 1 from sync_companies where"
                                                + " tenant_id = ? and lower(name) = lower(?) and"
                                                + " public_id <> ?)")
                                .param(tenant.value())
                                .param(name)
                                .param(exceptPublicId)
                                .query(Boolean.class)
                                .single());
    }

    Company insert(TenantId tenant, String publicId, Fields f, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into sync_companies (public_id, tenant_id, name,"
                                                + " config, secrets, enabled, created_at,"
                                                + " updated_at) values (?, ?, ?, ?::jsonb, ?, ?,"
                                                + " ?, ?) returning "
                                                + COLUMNS)
                                .param(publicId)
                                .param(tenant.value())
                                .param(f.name())
                                .param(f.config().toJson())
                                .param(f.sealedSecrets())
                                .param(f.enabled())
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .query(ROW)
                                .single());
    }

    Company update(TenantId tenant, String publicId, Fields f, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update sync_companies set name = ?, config = ?::jsonb,"
                                                + " secrets = ?, enabled = ?, version = version +"
                                                + " 1, updated_at = ? where tenant_id = ? and"
                                                + " public_id = ? returning "
                                                + COLUMNS)
                                .param(f.name())
                                .param(f.config().toJson())
                                .param(f.sealedSecrets())
                                .param(f.enabled())
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .single());
    }

    private static final RowMapper<Company> ROW =
            (rs, n) ->
                    new Company(
                            rs.getLong("id"),
                            rs.getString("public_id"),
                            new TenantId(rs.getLong("tenant_id")),
                            rs.getString("name"),
                            CompanyConfig.fromJson(rs.getString("config")),
                            rs.getString("secrets"),
                            rs.getBoolean("enabled"),
                            rs.getLong("version"),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant());
}
