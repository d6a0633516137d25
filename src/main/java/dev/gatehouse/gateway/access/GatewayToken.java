package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A gateway token ({@code tok_…}) as it may be shown: never its value.
 *
 * @param id the internal key, never serialized
 */
public record GatewayToken(
        long id,
        String publicId,
        String credentialPublicId,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant revokedAt) {

    /** {@code revoked}, {@code expired} or {@code active} at {@code now}. */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isBefore(expiresAt) ? "active" : "expired";
    }
}
