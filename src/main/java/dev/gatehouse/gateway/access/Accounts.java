package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code gateway_accounts} table; every method works inside one tenant. */
@Repository
public class Accounts {

    private static final String COLUMNS = "id, public_id, name, status, created_at, updated_at";

    private static final RowMapper<Account> ROW =
            (rs, n) ->
                    new Account(
                            rs.getLong("id"),
                            rs.getString("public_id"),
                            rs.getString("name"),
                            java.util.Objects.requireNonNull(
                                    Account.Status.fromWire(rs.getString("status"))),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;
    private final Transactions tx;

    Accounts(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    Account insert(
            TenantId tenant, String publicId, String name, Account.Status status, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into gateway_accounts (public_id, tenant_id, name,"
                                                + " status, created_at, updated_at) values (?, ?,"
                                                + " ?, ?, ?, ?) returning "
                                                + COLUMNS)
                                .param(publicId)
                                .param(tenant.value())
                                .param(name)
                                .param(status.wire())
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .query(ROW)
                                .single());
    }

    Account update(TenantId tenant, long id, String name, Account.Status status, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update gateway_accounts set name = ?, status = ?,"
                                                + " updated_at = ? where tenant_id = ? and id = ?"
                                                + " returning "
                                                + COLUMNS)
                                .param(name)
                                .param(status.wire())
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(id)
                                .query(ROW)
                                .single());
    }

    public Optional<Account> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from gateway_accounts where tenant_id = ? and"
                                                + " public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** Up to {@code limit} accounts with an internal key above {@code afterId}, oldest first. */
    public List<Account> list(TenantId tenant, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from gateway_accounts where tenant_id = ? and"
                                                + " id > ? order by id limit ?")
                                .param(tenant.value())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }
}
