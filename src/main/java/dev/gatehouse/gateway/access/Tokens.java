package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.tenancy.SystemScope;
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
 * The {@code gateway_tokens} table: tokens kept as the kernel's keyed hash (hex) only. The relay's
 * lookup by hash runs in the system scope (the tenant is what it finds out).
 */
@Repository
public class Tokens {

    private static final String SELECT =
            "select t.id, t.public_id, c.public_id as credential_public_id, t.created_at,"
                    + " t.expires_at, t.revoked_at from gateway_tokens t join gateway_credentials"
                    + " c on c.id = t.credential_id ";

    private static final RowMapper<GatewayToken> ROW =
            (rs, n) ->
                    new GatewayToken(
                            rs.getLong("id"),
                            rs.getString("public_id"),
                            rs.getString("credential_public_id"),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("expires_at").toInstant(),
                            CredentialState.instant(rs.getTimestamp("revoked_at")));

    private final JdbcClient jdbc;
    private final Transactions tx;

    Tokens(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    GatewayToken insert(
            TenantId tenant,
            String publicId,
            long credentialId,
            String hashHex,
            Instant now,
            Instant expiresAt) {
        return tx.inTenant(
                tenant,
                () -> {
                    jdbc.sql(
                                    "insert into gateway_tokens (public_id, tenant_id,"
                                            + " credential_id, token_hash, created_at, expires_at)"
                                            + " values (?, ?, ?, ?, ?, ?)")
                            .param(publicId)
                            .param(tenant.value())
                            .param(credentialId)
                            .param(hashHex)
                            .param(Timestamp.from(now))
                            .param(Timestamp.from(expiresAt))
                            .update();
                    return find(tenant, publicId).orElseThrow();
                });
    }

    public Optional<GatewayToken> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(SELECT + "where t.tenant_id = ? and t.public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /**
     * Up to {@code limit} tokens above {@code afterId}, oldest first; of one credential set when
     * {@code credentialId} is given.
     */
    public List<GatewayToken> list(
            TenantId tenant, @Nullable Long credentialId, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        SELECT
                                                + "where t.tenant_id = ? and (cast(? as bigint) is"
                                                + " null or t.credential_id = ?) and t.id > ? order"
                                                + " by t.id limit ?")
                                .param(tenant.value())
                                .param(credentialId)
                                .param(credentialId)
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /** Revokes one token; its hash when it was not revoked yet, else empty. */
    Optional<String> revoke(TenantId tenant, long id, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update gateway_tokens set revoked_at = ? where tenant_id ="
                                                + " ? and id = ? and revoked_at is null returning"
                                                + " token_hash")
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(id)
                                .query(String.class)
                                .optional());
    }

    /** Revokes every unrevoked token of a credential set (which is being revoked itself). */
    int revokeAllOf(TenantId tenant, long credentialId, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update gateway_tokens set revoked_at = ? where tenant_id ="
                                                + " ? and credential_id = ? and revoked_at is null")
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .param(credentialId)
                                .update());
    }

    /** The token with this keyed hash and its credential set's standing, in any tenant. */
    Optional<CallerSnapshot> snapshot(SystemScope scope, String hashHex) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "select "
                                                + CredentialState.COLUMNS
                                                + ", t.id as token_id, t.public_id as"
                                                + " token_public_id, t.expires_at as"
                                                + " token_expires_at, t.revoked_at as"
                                                + " token_revoked_at"
                                                + CredentialState.FROM
                                                + "join gateway_tokens t on t.credential_id = c.id"
                                                + " where t.token_hash = ?")
                                .param(hashHex)
                                .query(
                                        (rs, n) ->
                                                new CallerSnapshot(
                                                        CredentialState.read(rs),
                                                        rs.getLong("token_id"),
                                                        rs.getString("token_public_id"),
                                                        rs.getTimestamp("token_expires_at")
                                                                .toInstant(),
                                                        CredentialState.instant(
                                                                rs.getTimestamp(
                                                                        "token_revoked_at"))))
                                .optional());
    }
}
