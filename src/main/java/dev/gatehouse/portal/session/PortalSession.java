package dev.gatehouse.portal.session;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.time.Instant;

/**
 * A live portal session: whose it is and the CSRF token its forms must carry. The cookie token is
 * not here; only its hash is ever stored.
 */
public record PortalSession(
        long id,
        TenantId tenant,
        String userPublicId,
        String csrfToken,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "PortalSession[id="
                + id
                + ", user="
                + userPublicId
                + ", lastSeen="
                + lastSeenAt
                + ", expires="
                + expiresAt
                + "]";
    }
}
