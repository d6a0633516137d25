package dev.gatehouse.gateway.access;

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

/** The {@code gateway_actors} table; every method works inside one tenant. */
@Repository
public class Actors {

    private static final String SELECT =
            "select a.id, a.public_id, a.account_id, n.public_id as account_public_id, a.name,"
                    + " a.email, a.status, a.created_at, a.updated_at from gateway_actors a join"
                    + " gateway_accounts n on n.id = a.account_id ";

    private static final RowMapper<GatewayActor> ROW =
            (rs, n) ->
                    new GatewayActor(
                            rs.getLong("id"),
                            rs.getString("public_id"),
                            rs.getLong("account_id"),
                            rs.getString("account_public_id"),
                            rs.getString("name"),
                            rs.getString("email"),
                            java.util.Objects.requireNonNull(
                                    GatewayActor.Status.fromWire(rs.getString("status"))),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;
    private final Transactions tx;

    Actors(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    GatewayActor insert(
            TenantId tenant,
            String publicId,
            long accountId,
            String name,
            @Nullable String email,
            GatewayActor.Status status,
            Instant now) {
        return tx.inTenant(
                tenant,
                () -> {
                    long id =
                            jdbc.sql(
                                            "insert into gateway_actors (public_id, tenant_id,"
                                                + " account_id, name, email, status, created_at,"
                                                + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                                                + " returning id")
                                    .param(publicId)
                                    .param(tenant.value())
                                    .param(accountId)
                                    .param(name)
                                    .param(email)
                                    .param(status.wire())
                                    .param(Timestamp.from(now))
                                    .param(Timestamp.from(now))
                                    .query(Long.class)
                                    .single();
                    return byId(tenant, id);
                });
    }

    GatewayActor update(
            TenantId tenant,
            long id,
            String name,
            @Nullable String email,
            GatewayActor.Status status,
            Instant now) {
        return tx.inTenant(
                tenant,
                () -> {
                    jdbc.sql(
                                    "update gateway_actors set name = ?, email = ?, status = ?,"
                                            + " updated_at = ? where tenant_id = ? and id = ?")
                            .param(name)
                            .param(email)
                            .param(status.wire())
                            .param(Timestamp.from(now))
                            .param(tenant.value())
                            .param(id)
                            .update();
                    return byId(tenant, id);
                });
    }

    private GatewayActor byId(TenantId tenant, long id) {
        return jdbc.sql(SELECT + "where a.tenant_id = ? and a.id = ?")
                .param(tenant.value())
                .param(id)
                .query(ROW)
                .single();
    }

    public Optional<GatewayActor> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(SELECT + "where a.tenant_id = ? and a.public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** Up to {@code limit} actors of one account above {@code afterId}, oldest first. */
    public List<GatewayActor> list(TenantId tenant, long accountId, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        SELECT
                                                + "where a.tenant_id = ? and a.account_id = ? and"
                                                + " a.id > ? order by a.id limit ?")
                                .param(tenant.value())
                                .param(accountId)
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }
}
