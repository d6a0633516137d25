package dev.gatehouse.portal.session;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The {@code portal_sessions} table. */
@Repository
class SessionRows {

    private static final String COLUMNS =
            "id, tenant_id, user_public_id, csrf_token, created_at, last_seen_at, expires_at";

    private final JdbcClient jdbc;
    private final Transactions tx;

    SessionRows(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    PortalSession insert(
            TenantId tenant,
            byte[] tokenHash,
            String userPublicId,
            String csrf,
            Instant now,
            Instant expires) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into portal_sessions (token_hash, tenant_id,"
                                            + " user_public_id, csrf_token, created_at,"
                                            + " last_seen_at, expires_at) values (?, ?, ?, ?, ?, ?,"
                                            + " ?) returning "
                                                + COLUMNS)
                                .param(tokenHash)
                                .param(tenant.value())
                                .param(userPublicId)
                                .param(csrf)
                                .param(utc(now))
                                .param(utc(now))
                                .param(utc(expires))
                                .query(ROW)
                                .single());
    }

    Optional<PortalSession> findByToken(SystemScope scope, byte[] tokenHash) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("select " + COLUMNS + " from portal_sessions where token_hash = ?")
                                .param(tokenHash)
                                .query(ROW)
                                .optional());
    }

    void touch(TenantId tenant, long id, Instant at) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update portal_sessions set last_seen_at = ? where"
                                                + " tenant_id = ? and id = ?")
                                .param(utc(at))
                                .param(tenant.value())
                                .param(id)
                                .update());
    }

    void delete(TenantId tenant, long id) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("delete from portal_sessions where tenant_id = ? and id = ?")
                                .param(tenant.value())
                                .param(id)
                                .update());
    }

    int deleteAllOf(TenantId tenant, String userPublicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "delete from portal_sessions where tenant_id = ? and"
                                                + " user_public_id = ?")
                                .param(tenant.value())
                                .param(userPublicId)
                                .update());
    }

    int deleteExpired(SystemScope scope, Instant idleBefore, Instant now) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "delete from portal_sessions where last_seen_at < ? or"
                                                + " expires_at <= ?")
                                .param(utc(idleBefore))
                                .param(utc(now))
                                .update());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static final RowMapper<PortalSession> ROW =
            (rs, n) ->
                    new PortalSession(
                            rs.getLong("id"),
                            new TenantId(rs.getLong("tenant_id")),
                            rs.getString("user_public_id"),
                            rs.getString("csrf_token"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("last_seen_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("expires_at", OffsetDateTime.class).toInstant());
}
