package dev.gatehouse.domains;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code domain_applications} table. Every method takes the {@link TenantId} it works for and
 * filters by it (row-level security is the second wall). Deleted applications are invisible.
 */
@Repository
public class Applications {

    static final String TABLE = "domain_applications";

    private static final String COLUMNS =
            """
            id, public_id, tenant_id, name, target_cname, target_ipv4, target_ipv6, origin, allowed_origins, \
            webhook_url, webhook_disabled_at, status, created_at, updated_at\
            """;

    private final JdbcClient jdbc;
    private final Transactions tx;

    Applications(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The fields a tenant sets. */
    public record Fields(
            String name,
            Target target,
            String origin,
            List<String> allowedOrigins,
            @Nullable String webhookUrl,
            Application.Status status) {}

    Application insert(
            TenantId tenant, String publicId, Fields f, String sealedSecret, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into domain_applications (public_id, tenant_id,"
                                            + " name, target_cname, target_ipv4, target_ipv6,"
                                            + " origin, allowed_origins, webhook_url,"
                                            + " webhook_secret, status, created_at, updated_at)"
                                            + " values (:pid, :tenant, :name, :cname, :v4, :v6,"
                                            + " :origin, :origins, :hook, :secret, :status, :now,"
                                            + " :now) returning "
                                                + COLUMNS)
                                .paramSource(
                                        fieldParams(f)
                                                .addValue("pid", publicId)
                                                .addValue("tenant", tenant.value())
                                                .addValue("secret", sealedSecret)
                                                .addValue("now", Timestamp.from(now)))
                                .query(ROW)
                                .single());
    }

    Application update(TenantId tenant, long id, Fields f, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update domain_applications set name = :name, target_cname"
                                            + " = :cname, target_ipv4 = :v4, target_ipv6 = :v6,"
                                            + " origin = :origin, allowed_origins = :origins,"
                                            + " webhook_url = :hook, status = :status, updated_at ="
                                            + " :now, webhook_disabled_at = case when webhook_url"
                                            + " is distinct from :hook then null else"
                                            + " webhook_disabled_at end where tenant_id = :tenant"
                                            + " and id = :id and deleted_at is null returning "
                                                + COLUMNS)
                                .paramSource(
                                        fieldParams(f)
                                                .addValue("tenant", tenant.value())
                                                .addValue("id", id)
                                                .addValue("now", Timestamp.from(now)))
                                .query(ROW)
                                .single());
    }

    public Optional<Application> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from domain_applications where tenant_id = ?"
                                                + " and public_id = ? and deleted_at is null")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    public Optional<Application> findById(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from domain_applications where tenant_id = ?"
                                                + " and id = ? and deleted_at is null")
                                .param(tenant.value())
                                .param(id)
                                .query(ROW)
                                .optional());
    }

    /**
     * Up to {@code limit} applications with an internal key above {@code afterId}, oldest first.
     */
    public List<Application> list(TenantId tenant, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from domain_applications where tenant_id = ?"
                                                + " and id > ? and deleted_at is null order by id"
                                                + " limit ?")
                                .param(tenant.value())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /** Marks the application deleted; true when it was there. */
    boolean delete(TenantId tenant, long id, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update domain_applications set deleted_at = ?,"
                                                    + " updated_at = ? where tenant_id = ? and id ="
                                                    + " ? and deleted_at is null")
                                        .param(Timestamp.from(now))
                                        .param(Timestamp.from(now))
                                        .param(tenant.value())
                                        .param(id)
                                        .update()
                                == 1);
    }

    /**
     * The sealed webhook secret (plaintext: the UTF-8 of the full {@code whsec_…} string), as
     * stored.
     */
    public Optional<String> sealedWebhookSecret(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select webhook_secret from domain_applications where"
                                            + " tenant_id = ? and id = ? and deleted_at is null")
                                .param(tenant.value())
                                .param(id)
                                .query(String.class)
                                .optional());
    }

    void replaceWebhookSecret(TenantId tenant, long id, String sealed, Instant now) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update domain_applications set webhook_secret = ?,"
                                            + " updated_at = ? where tenant_id = ? and id = ? and"
                                            + " deleted_at is null")
                                .param(sealed)
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(id)
                                .update());
    }

    /**
     * Stops webhooks to the current URL (the receiver answered 410); a new URL starts them again.
     */
    public void disableWebhook(TenantId tenant, long id, Instant now) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update domain_applications set webhook_disabled_at = ?"
                                                + " where tenant_id = ? and id = ? and"
                                                + " webhook_disabled_at is null")
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(id)
                                .update());
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource fieldParams(
            Fields f) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("name", f.name())
                .addValue("cname", f.target().cname())
                .addValue("v4", f.target().ipv4().toArray(String[]::new))
                .addValue("v6", f.target().ipv6().toArray(String[]::new))
                .addValue("origin", f.origin())
                .addValue("origins", f.allowedOrigins().toArray(String[]::new))
                .addValue("hook", f.webhookUrl())
                .addValue("status", f.status().wire());
    }

    static final RowMapper<Application> ROW =
            (rs, n) ->
                    new Application(
                            rs.getLong("id"),
                            rs.getString("public_id"),
                            new TenantId(rs.getLong("tenant_id")),
                            rs.getString("name"),
                            new Target(
                                    rs.getString("target_cname"),
                                    strings(rs, "target_ipv4"),
                                    strings(rs, "target_ipv6")),
                            rs.getString("origin"),
                            strings(rs, "allowed_origins"),
                            rs.getString("webhook_url"),
                            instant(rs, "webhook_disabled_at"),
                            Application.Status.fromWire(rs.getString("status")).orElseThrow(),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant());

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
