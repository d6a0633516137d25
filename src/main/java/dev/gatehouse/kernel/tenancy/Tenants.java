package dev.gatehouse.kernel.tenancy;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The {@code tenants} table. Creating and administering tenants is operator work and runs in the
 * system scope its caller opened; a tenant reading itself takes its {@link TenantId}.
 */
@Repository
public class Tenants {

    private static final String COLUMNS =
            "id, public_id, name, slug, status, plan, created_at, updated_at";

    private final JdbcClient jdbc;
    private final Transactions tx;

    Tenants(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A new tenant; empty when the slug is taken. */
    public Optional<Tenant> create(
            SystemScope scope, String publicId, String name, String slug, Plan plan, Instant at) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "insert into tenants (public_id, name, slug, status, plan,"
                                            + " created_at, updated_at) values (?, ?, ?, 'active',"
                                            + " ?, ?, ?) on conflict (slug) do nothing returning "
                                                + COLUMNS)
                                .param(publicId)
                                .param(name)
                                .param(slug)
                                .param(plan.wire())
                                .param(utc(at))
                                .param(utc(at))
                                .query(ROW)
                                .optional());
    }

    public Optional<Tenant> find(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("select " + COLUMNS + " from tenants where id = ?")
                                .param(tenant.value())
                                .query(ROW)
                                .optional());
    }

    public Optional<Tenant> findByPublicId(SystemScope scope, String publicId) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("select " + COLUMNS + " from tenants where public_id = ?")
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    public Optional<Tenant> findBySlug(SystemScope scope, String slug) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("select " + COLUMNS + " from tenants where slug = ?")
                                .param(slug)
                                .query(ROW)
                                .optional());
    }

    /** Updates status and plan; runs inside the caller's system-scope transaction. */
    public Tenant update(
            SystemScope scope, TenantId tenant, Tenant.Status status, Plan plan, Instant at) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "update tenants set status = ?, plan = ?, updated_at = ?"
                                                + " where id = ? returning "
                                                + COLUMNS)
                                .param(status.wire())
                                .param(plan.wire())
                                .param(utc(at))
                                .param(tenant.value())
                                .query(ROW)
                                .single());
    }

    /** Every tenant, for work that must visit each one (audit verification). */
    public java.util.List<Tenant> all(SystemScope scope) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("select " + COLUMNS + " from tenants order by id")
                                .query(ROW)
                                .list());
    }

    public long count(SystemScope scope) {
        return tx.inSystem(
                scope, () -> jdbc.sql("select count(*) from tenants").query(Long.class).single());
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(java.time.ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static final RowMapper<Tenant> ROW =
            (rs, n) ->
                    new Tenant(
                            new TenantId(rs.getLong("id")),
                            rs.getString("public_id"),
                            rs.getString("name"),
                            rs.getString("slug"),
                            Tenant.Status.fromWire(rs.getString("status")).orElseThrow(),
                            Plan.fromWire(rs.getString("plan")).orElseThrow(),
                            instant(rs, "created_at"),
                            instant(rs, "updated_at"));
}
