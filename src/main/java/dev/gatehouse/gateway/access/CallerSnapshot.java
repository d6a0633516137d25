package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A gateway token and the credential set behind it, as the relay's checks cache it per node. Times
 * are judged on every check, so a cached snapshot never outlives an expiry.
 */
record CallerSnapshot(
        CredentialState credential,
        long tokenId,
        String tokenPublicId,
        Instant tokenExpiresAt,
        @Nullable Instant tokenRevokedAt) {

    /** Whether an invalidation key published by {@link GatewayCallers} concerns this snapshot. */
    boolean concerns(String kind, long id) {
        return switch (kind) {
            case GatewayCallers.CREDENTIAL -> credential.credentialId() == id;
            case GatewayCallers.ACTOR -> credential.actorId() == id;
            case GatewayCallers.ACCOUNT -> credential.accountId() == id;
            case GatewayCallers.TENANT -> credential.tenantId() == id;
            default -> true;
        };
    }
}
