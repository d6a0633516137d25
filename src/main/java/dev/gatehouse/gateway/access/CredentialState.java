package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

/**
 * A credential set with everything its use depends on (its actor, account and tenant), as read in
 * one query by the token exchange and the relay's checks. Holds the x-api-key hashes, never a
 * secret.
 */
record CredentialState(
        long tenantId,
        String tenantPublicId,
        boolean tenantActive,
        long accountId,
        String accountPublicId,
        boolean accountActive,
        long actorId,
        String actorPublicId,
        boolean actorActive,
        long credentialId,
        String credentialPublicId,
        String clientId,
        CredentialKind kind,
        boolean revoked,
        @Nullable Instant expiresAt,
        @Nullable Integer rateLimitPerMinute,
        AllowedIps allowedIps,
        String apiKeyHash,
        @Nullable String previousApiKeyHash,
        @Nullable Instant previousValidUntil) {

    /** The columns {@link #read} expects, over {@link #FROM}. */
    static final String COLUMNS =
            "c.tenant_id, te.public_id as tenant_public_id, te.status as tenant_status, n.id as"
                + " account_id, n.public_id as account_public_id, n.status as account_status, a.id"
                + " as actor_id, a.public_id as actor_public_id, a.status as actor_status, c.id as"
                + " credential_id, c.public_id as credential_public_id, c.client_id, c.kind,"
                + " c.status as credential_status, c.expires_at as credential_expires_at,"
                + " c.rate_limit_per_minute, c.allowed_ips::text[] as allowed_ips, c.api_key_hash,"
                + " c.previous_api_key_hash, c.previous_valid_until";

    static final String FROM =
            " from gateway_credentials c join gateway_actors a on a.id = c.actor_id join"
                    + " gateway_accounts n on n.id = a.account_id join tenants te on te.id ="
                    + " c.tenant_id ";

    /** Which generation of secrets a presented x-api-key belongs to. */
    enum KeyMatch {
        CURRENT,
        PREVIOUS,
        NONE
    }

    static CredentialState read(ResultSet rs) throws SQLException {
        Object rate = rs.getObject("rate_limit_per_minute");
        java.sql.Array ips = rs.getArray("allowed_ips");
        return new CredentialState(
                rs.getLong("tenant_id"),
                rs.getString("tenant_public_id"),
                "active".equals(rs.getString("tenant_status")),
                rs.getLong("account_id"),
                rs.getString("account_public_id"),
                "active".equals(rs.getString("account_status")),
                rs.getLong("actor_id"),
                rs.getString("actor_public_id"),
                "active".equals(rs.getString("actor_status")),
                rs.getLong("credential_id"),
                rs.getString("credential_public_id"),
                rs.getString("client_id"),
                java.util.Objects.requireNonNull(CredentialKind.fromWire(rs.getString("kind"))),
                "revoked".equals(rs.getString("credential_status")),
                instant(rs.getTimestamp("credential_expires_at")),
                rate == null ? null : ((Number) rate).intValue(),
                AllowedIps.ofStored(
                        ips == null
                                ? java.util.List.of()
                                : Arrays.asList((String[]) ips.getArray())),
                rs.getString("api_key_hash"),
                rs.getString("previous_api_key_hash"),
                instant(rs.getTimestamp("previous_valid_until")));
    }

    static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Compares the presented key's hash with the current hash and, while the rotation overlap
     * lasts, the previous one; both comparisons always run, in constant time.
     */
    KeyMatch keyMatch(@Nullable String presentedHashHex, Instant now) {
        if (presentedHashHex == null) {
            return KeyMatch.NONE;
        }
        byte[] presented = presentedHashHex.getBytes(StandardCharsets.US_ASCII);
        boolean current =
                MessageDigest.isEqual(presented, apiKeyHash.getBytes(StandardCharsets.US_ASCII));
        boolean previous =
                previousApiKeyHash != null
                        && MessageDigest.isEqual(
                                presented, previousApiKeyHash.getBytes(StandardCharsets.US_ASCII))
                        && previousValidUntil != null
                        && now.isBefore(previousValidUntil);
        return current ? KeyMatch.CURRENT : previous ? KeyMatch.PREVIOUS : KeyMatch.NONE;
    }

    /**
     * Why the set may not be used at {@code now} (check 3 of the relay, and the exchange's), or
     * null when it may.
     */
    @Nullable Refusal standing(Instant now) {
        if (revoked) {
            return Refusal.CREDENTIAL_REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Refusal.CREDENTIAL_EXPIRED;
        }
        if (!actorActive) {
            return Refusal.ACTOR_DISABLED;
        }
        if (!accountActive) {
            return Refusal.ACCOUNT_SUSPENDED;
        }
        if (!tenantActive) {
            return Refusal.TENANT_SUSPENDED;
        }
        return null;
    }
}
