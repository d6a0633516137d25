package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code api_keys} table. Tenant methods take a {@link TenantId} and filter by it (row-level
 * security is the second wall); the two cross-tenant methods take the {@link SystemScope} their
 * caller opened.
 */
@Repository
public class ApiKeys {

    private static final String COLUMNS =
            """
            id, public_id, tenant_id, name, last4, scopes, created_at, expires_at, revoked_at, last_used_at, created_by\
            """;

    private final JdbcClient jdbc;
    private final Transactions tx;

    ApiKeys(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** What verification needs, read in one query with the key's tenant. */
    record Lookup(
            StoredKey key,
            @Nullable String tenantPublicId,
            @Nullable String tenantName,
            @Nullable String tenantStatus) {}

    record NewKey(
            String publicId,
            String name,
            byte[] hash,
            String last4,
            Set<Scope> scopes,
            @Nullable Instant expiresAt,
            @Nullable String createdBy,
            Instant createdAt) {}

    StoredKey insert(TenantId tenant, NewKey key) {
        return tx.inTenant(tenant, () -> insertRow(tenant.value(), key));
    }

    StoredKey insertOperatorKey(SystemScope scope, NewKey key) {
        return tx.inSystem(scope, () -> insertRow(null, key));
    }

    private StoredKey insertRow(@Nullable Long tenantId, NewKey key) {
        return jdbc.sql(
                        "insert into api_keys (public_id, tenant_id, name, hash, last4, scopes,"
                            + " created_by, created_at, expires_at) values (:pid, :tenant, :name,"
                            + " :hash, :last4, :scopes::text[], :by, :at, :exp) returning "
                                + COLUMNS)
                .param("pid", key.publicId())
                .param("tenant", tenantId)
                .param("name", key.name())
                .param("hash", key.hash())
                .param("last4", key.last4())
                .param("scopes", toArrayLiteral(key.scopes()))
                .param("by", key.createdBy())
                .param("at", Timestamp.from(key.createdAt()))
                .param("exp", key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()))
                .query(ROW)
                .single();
    }

    Optional<Lookup> findByHash(SystemScope scope, byte[] hash) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "select k.id, k.public_id, k.tenant_id, k.name, k.last4,"
                                            + " k.scopes, k.created_at, k.expires_at, k.revoked_at,"
                                            + " k.last_used_at, k.created_by, t.public_id as"
                                            + " tenant_public_id, t.name as tenant_name, t.status"
                                            + " as tenant_status from api_keys k left join tenants"
                                            + " t on t.id = k.tenant_id where k.hash = ?")
                                .param(hash)
                                .query(
                                        (rs, n) ->
                                                new Lookup(
                                                        ROW.mapRow(rs, n),
                                                        rs.getString("tenant_public_id"),
                                                        rs.getString("tenant_name"),
                                                        rs.getString("tenant_status")))
                                .optional());
    }

    /**
     * Replaces a hash made under a previous APP_KEY by the current one; false when no key has it.
     */
    boolean rehash(SystemScope scope, byte[] oldHash, byte[] newHash) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("update api_keys set hash = ? where hash = ?")
                                        .param(newHash)
                                        .param(oldHash)
                                        .update()
                                == 1);
    }

    public Optional<StoredKey> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from api_keys where tenant_id = ? and public_id"
                                                + " = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /**
     * Keys of the tenant after {@code afterId} (exclusive), oldest first, at most {@code limit}.
     */
    public List<StoredKey> list(TenantId tenant, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from api_keys where tenant_id = ? and id > ?"
                                                + " order by id limit ?")
                                .param(tenant.value())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /** What a revoke did: nothing (no such key), revoked it now, or found it revoked already. */
    record Revocation(StoredKey key, boolean now) {}

    /** Marks the key revoked (once); empty when the tenant has no such key. */
    Optional<Revocation> revoke(TenantId tenant, String publicId, Instant at) {
        return tx.inTenant(
                tenant,
                () -> {
                    int changed =
                            jdbc.sql(
                                            "update api_keys set revoked_at = ? where tenant_id = ?"
                                                    + " and public_id = ? and revoked_at is null")
                                    .param(Timestamp.from(at))
                                    .param(tenant.value())
                                    .param(publicId)
                                    .update();
                    return find(tenant, publicId).map(k -> new Revocation(k, changed == 1));
                });
    }

    /** Key hashes of a tenant, so a status change can evict them from every node's cache. */
    List<byte[]> hashesOf(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("select hash from api_keys where tenant_id = ?")
                                .param(tenant.value())
                                .query((rs, n) -> rs.getBytes(1))
                                .list());
    }

    byte[] hashOf(TenantId tenant, long keyId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("select hash from api_keys where tenant_id = ? and id = ?")
                                .param(tenant.value())
                                .param(keyId)
                                .query((rs, n) -> rs.getBytes(1))
                                .single());
    }

    /** Writes last-use times collected in memory; one statement for the whole batch. */
    void recordLastUse(SystemScope scope, Map<Long, Instant> lastUse) {
        if (lastUse.isEmpty()) {
            return;
        }
        Long[] ids = lastUse.keySet().toArray(Long[]::new);
        Timestamp[] times =
                Arrays.stream(ids)
                        .map(id -> Timestamp.from(lastUse.get(id)))
                        .toArray(Timestamp[]::new);
        tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        """
                                        update api_keys k set last_used_at = u.at
                                        from unnest(?::bigint[], ?::timestamptz[]) as u(id, at)
                                        where k.id = u.id and (k.last_used_at is null or k.last_used_at < u.at)\
                                        """)
                                .param(new SqlArrayValue("bigint", (Object[]) ids))
                                .param(new SqlArrayValue("timestamptz", (Object[]) times))
                                .update());
    }

    private static String toArrayLiteral(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wire).sorted().collect(Collectors.joining(",", "{", "}"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<StoredKey> ROW =
            (rs, n) -> {
                Array scopes = rs.getArray("scopes");
                Set<Scope> parsed =
                        Arrays.stream((String[]) scopes.getArray())
                                // Kept as stored: a scope no installed product declares grants
                                // nothing (ScopeCatalog.effective) but is never dropped.
                                .map(Scope::new)
                                .collect(Collectors.toUnmodifiableSet());
                Long tenant = rs.getObject("tenant_id", Long.class);
                return new StoredKey(
                        rs.getLong("id"),
                        rs.getString("public_id"),
                        tenant,
                        rs.getString("name"),
                        rs.getString("last4"),
                        parsed,
                        java.util.Objects.requireNonNull(instant(rs, "created_at")),
                        instant(rs, "expires_at"),
                        instant(rs, "revoked_at"),
                        instant(rs, "last_used_at"),
                        rs.getString("created_by"));
            };
}
