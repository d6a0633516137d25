package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code gateway_credentials} table. Tenant methods take the {@link TenantId}; the token
 * exchange's lookup by {@code client_id} and the last-use flush run in the system scope (the tenant
 * is not known yet, or there are many).
 */
@Repository
public class Credentials {

    private static final String SELECT =
            "select c.id, c.public_id, c.actor_id, a.public_id as actor_public_id, c.client_id,"
                + " c.kind, c.status, c.expires_at, c.rate_limit_per_minute, c.allowed_ips::text[]"
                + " as allowed_ips, c.previous_valid_until, c.created_at, c.updated_at,"
                + " c.revoked_at, c.last_used_at from gateway_credentials c join gateway_actors a"
                + " on a.id = c.actor_id ";

    private static final RowMapper<Credential> ROW =
            (rs, n) -> {
                Object rate = rs.getObject("rate_limit_per_minute");
                java.sql.Array ips = rs.getArray("allowed_ips");
                return new Credential(
                        rs.getLong("id"),
                        rs.getString("public_id"),
                        rs.getLong("actor_id"),
                        rs.getString("actor_public_id"),
                        rs.getString("client_id"),
                        java.util.Objects.requireNonNull(
                                CredentialKind.fromWire(rs.getString("kind"))),
                        "revoked".equals(rs.getString("status")),
                        CredentialState.instant(rs.getTimestamp("expires_at")),
                        rate == null ? null : ((Number) rate).intValue(),
                        ips == null ? List.of() : Arrays.asList((String[]) ips.getArray()),
                        CredentialState.instant(rs.getTimestamp("previous_valid_until")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant(),
                        CredentialState.instant(rs.getTimestamp("revoked_at")),
                        CredentialState.instant(rs.getTimestamp("last_used_at")));
            };

    private final JdbcClient jdbc;
    private final Transactions tx;

    Credentials(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** What a new credential set is made of; the hashes are of secrets shown once, elsewhere. */
    record NewCredential(
            String publicId,
            long actorId,
            String clientId,
            String passwordHash,
            String apiKeyHash,
            CredentialKind kind,
            @Nullable Instant expiresAt,
            @Nullable Integer rateLimitPerMinute,
            List<String> allowedIps) {}

    /**
     * A credential set found by {@code client_id}, with the password hashes the exchange verifies.
     */
    record ExchangeCandidate(
            CredentialState state, String passwordHash, @Nullable String previousPasswordHash) {

        @Override
        public String toString() {
            return "ExchangeCandidate[" + state.credentialPublicId() + "]";
        }
    }

    Credential insert(TenantId tenant, NewCredential c, Instant now) {
        return tx.inTenant(
                tenant,
                () -> {
                    long id =
                            jdbc.sql(
                                            "insert into gateway_credentials (public_id, tenant_id,"
                                                + " actor_id, client_id, password_hash,"
                                                + " api_key_hash, kind, expires_at,"
                                                + " rate_limit_per_minute, allowed_ips, created_at,"
                                                + " updated_at) values (:pid, :tenant, :actor,"
                                                + " :client, :pw, :key, :kind, :expires, :rate,"
                                                + " cast(:ips as cidr[]), :now, :now) returning id")
                                    .paramSource(
                                            new MapSqlParameterSource()
                                                    .addValue("pid", c.publicId())
                                                    .addValue("tenant", tenant.value())
                                                    .addValue("actor", c.actorId())
                                                    .addValue("client", c.clientId())
                                                    .addValue("pw", c.passwordHash())
                                                    .addValue("key", c.apiKeyHash())
                                                    .addValue("kind", c.kind().wire())
                                                    .addValue("expires", ts(c.expiresAt()))
                                                    .addValue("rate", c.rateLimitPerMinute())
                                                    .addValue(
                                                            "ips",
                                                            c.allowedIps().toArray(String[]::new))
                                                    .addValue("now", Timestamp.from(now)))
                                    .query(Long.class)
                                    .single();
                    return byId(tenant, id);
                });
    }

    /** The set with its actor, account and tenant as the relay's checks read them. */
    Optional<CredentialState> state(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + CredentialState.COLUMNS
                                                + CredentialState.FROM
                                                + "where c.tenant_id = ? and c.public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query((rs, row) -> CredentialState.read(rs))
                                .optional());
    }

    public Optional<Credential> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(SELECT + "where c.tenant_id = ? and c.public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** Up to {@code limit} credential sets of one actor above {@code afterId}, oldest first. */
    public List<Credential> list(TenantId tenant, long actorId, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        SELECT
                                                + "where c.tenant_id = ? and c.actor_id = ? and"
                                                + " c.id > ? order by c.id limit ?")
                                .param(tenant.value())
                                .param(actorId)
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /** Marks the set revoked; false when it already was. */
    boolean revoke(TenantId tenant, long id, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update gateway_credentials set status = 'revoked',"
                                                    + " revoked_at = ?, updated_at = ?,"
                                                    + " previous_password_hash = null,"
                                                    + " previous_api_key_hash = null,"
                                                    + " previous_valid_until = null where tenant_id"
                                                    + " = ? and id = ? and status = 'active'")
                                        .param(Timestamp.from(now))
                                        .param(Timestamp.from(now))
                                        .param(tenant.value())
                                        .param(id)
                                        .update()
                                == 1);
    }

    /**
     * Replaces the secrets' hashes of an active set. With {@code previousValidUntil} the replaced
     * hashes keep working until then; without, they stop at once. Empty when the set is revoked.
     */
    Optional<Credential> rotate(
            TenantId tenant,
            long id,
            String passwordHash,
            String apiKeyHash,
            @Nullable Instant previousValidUntil,
            Instant now) {
        return tx.inTenant(
                tenant,
                () -> {
                    int changed =
                            jdbc.sql(
                                            "update gateway_credentials set previous_password_hash"
                                                + " = case when cast(:until as timestamptz) is null"
                                                + " then null else password_hash end,"
                                                + " previous_api_key_hash = case when cast(:until"
                                                + " as timestamptz) is null then null else"
                                                + " api_key_hash end, previous_valid_until ="
                                                + " :until, password_hash = :pw, api_key_hash ="
                                                + " :key, updated_at = :now where tenant_id ="
                                                + " :tenant and id = :id and status = 'active'")
                                    .paramSource(
                                            new MapSqlParameterSource()
                                                    .addValue("until", ts(previousValidUntil))
                                                    .addValue("pw", passwordHash)
                                                    .addValue("key", apiKeyHash)
                                                    .addValue("now", Timestamp.from(now))
                                                    .addValue("tenant", tenant.value())
                                                    .addValue("id", id))
                                    .update();
                    return changed == 1 ? Optional.of(byId(tenant, id)) : Optional.empty();
                });
    }

    /** The set with this {@code client_id} and what its use depends on, in any tenant. */
    Optional<ExchangeCandidate> byClientId(SystemScope scope, String clientId) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "select "
                                                + CredentialState.COLUMNS
                                                + ", c.password_hash, c.previous_password_hash"
                                                + CredentialState.FROM
                                                + "where c.client_id = ?")
                                .param(clientId)
                                .query(
                                        (rs, n) ->
                                                new ExchangeCandidate(
                                                        CredentialState.read(rs),
                                                        rs.getString("password_hash"),
                                                        rs.getString("previous_password_hash")))
                                .optional());
    }

    /** Moves {@code last_used_at} forward to the times collected; never backwards. */
    void recordLastUse(SystemScope scope, Map<Long, Instant> lastUse) {
        if (lastUse.isEmpty()) {
            return;
        }
        tx.inSystem(
                scope,
                () -> {
                    for (Map.Entry<Long, Instant> e : lastUse.entrySet()) {
                        jdbc.sql(
                                        "update gateway_credentials set last_used_at = ? where id"
                                                + " = ? and (last_used_at is null or last_used_at"
                                                + " < ?)")
                                .param(Timestamp.from(e.getValue()))
                                .param(e.getKey())
                                .param(Timestamp.from(e.getValue()))
                                .update();
                    }
                    return null;
                });
    }

    private Credential byId(TenantId tenant, long id) {
        return jdbc.sql(SELECT + "where c.tenant_id = ? and c.id = ?")
                .param(tenant.value())
                .param(id)
                .query(ROW)
                .single();
    }

    private static @Nullable Timestamp ts(@Nullable Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
