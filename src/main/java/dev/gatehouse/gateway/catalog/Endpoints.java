package dev.gatehouse.gateway.catalog;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code gateway_endpoints} table, its only owner. Every method takes the {@link TenantId} it
 * works for and filters by it (row-level security is the second wall).
 */
@Repository
class Endpoints {

    /** The namespace of the per-tenant advisory lock that serializes catalog changes. */
    private static final int LOCK_NAMESPACE = 0x67_77_65_70; // "gwep"

    private static final String COLUMNS =
            "id, public_id, method, path_template, summary, source, created_at";

    private final JdbcClient jdbc;
    private final Transactions tx;

    Endpoints(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The new row's fields. */
    record New(String publicId, String method, String pathTemplate, @Nullable String summary) {}

    /**
     * Serializes catalog changes of {@code tenant} until the current transaction ends, so the size
     * limit and the same-shape check see every concurrent change. Call inside a transaction.
     */
    void lock(TenantId tenant) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                .param(LOCK_NAMESPACE)
                .param((int) (tenant.value() ^ (tenant.value() >>> 32)))
                .query()
                .singleValue();
    }

    CatalogEndpoint insert(TenantId tenant, New e, String source, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into gateway_endpoints (public_id, tenant_id,"
                                                + " method, path_template, summary, source,"
                                                + " created_at) values (?, ?, ?, ?, ?, ?, ?)"
                                                + " returning "
                                                + COLUMNS)
                                .param(e.publicId())
                                .param(tenant.value())
                                .param(e.method())
                                .param(e.pathTemplate())
                                .param(e.summary())
                                .param(source)
                                .param(Timestamp.from(now))
                                .query(ROW)
                                .single());
    }

    /** Every endpoint of {@code tenant}, oldest first. */
    List<CatalogEndpoint> all(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from gateway_endpoints where tenant_id = ?"
                                                + " order by id")
                                .param(tenant.value())
                                .query(ROW)
                                .list());
    }

    /** Up to {@code limit} endpoints with an internal key above {@code afterId}, oldest first. */
    List<CatalogEndpoint> list(TenantId tenant, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from gateway_endpoints where tenant_id = ? and"
                                                + " id > ? order by id limit ?")
                                .param(tenant.value())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    Optional<CatalogEndpoint> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from gateway_endpoints where tenant_id = ? and"
                                                + " public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** Deletes the endpoint; true when it was there. */
    boolean delete(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("delete from gateway_endpoints where tenant_id = ? and id = ?")
                                        .param(tenant.value())
                                        .param(id)
                                        .update()
                                == 1);
    }

    private static final RowMapper<CatalogEndpoint> ROW =
            (rs, n) ->
                    new CatalogEndpoint(
                            rs.getLong("id"),
                            rs.getString("public_id"),
                            rs.getString("method"),
                            rs.getString("path_template"),
                            rs.getString("summary"),
                            rs.getString("source"),
                            rs.getTimestamp("created_at").toInstant());
}
