package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A credential set ({@code cred_…}) as it may be shown: never its secrets, nor their hashes.
 *
 * @param id the internal key, never serialized
 * @param clientId the public half of the Basic credential ({@code gwc_…})
 * @param rateLimitPerMinute its own limit, or null for the installation's default
 * @param allowedIps canonical CIDR blocks; empty means any address
 * @param previousValidUntil while in the future, the secrets replaced by the last rotation still
 *     work
 */
public record Credential(
        long id,
        String publicId,
        long actorId,
        String actorPublicId,
        String clientId,
        CredentialKind kind,
        boolean revoked,
        @Nullable Instant expiresAt,
        @Nullable Integer rateLimitPerMinute,
        List<String> allowedIps,
        @Nullable Instant previousValidUntil,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    public Credential {
        allowedIps = List.copyOf(allowedIps);
    }

    /** {@code active} or {@code revoked} (expiry is shown by {@code expires_at}). */
    public String status() {
        return revoked ? "revoked" : "active";
    }
}
