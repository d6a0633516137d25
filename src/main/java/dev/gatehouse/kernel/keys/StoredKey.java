package dev.gatehouse.kernel.keys;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Set;

/** An API key as stored: everything but the secret, which is never stored. */
public record StoredKey(
        long id,
        String publicId,
        @Nullable Long tenantId,
        String name,
        String last4,
        Set<Scope> scopes,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt,
        @Nullable String createdBy) {

    public StoredKey {
        scopes = Set.copyOf(scopes);
    }
}
