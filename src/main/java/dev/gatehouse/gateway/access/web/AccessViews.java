package dev.gatehouse.gateway.access.web;

import dev.gatehouse.gateway.access.Account;
import dev.gatehouse.gateway.access.Credential;
import dev.gatehouse.gateway.access.CredentialIssuance;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.gateway.access.GatewayToken;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** What the administration API shows of accounts, actors, credential sets and tokens. */
final class AccessViews {

    private AccessViews() {}

    @Schema(name = "GatewayAccount")
    record AccountView(
            String id,
            String name,
            @Schema(allowableValues = {"active", "suspended"}) String status,
            Instant createdAt,
            Instant updatedAt) {

        static AccountView of(Account a) {
            return new AccountView(
                    a.publicId(), a.name(), a.status().wire(), a.createdAt(), a.updatedAt());
        }
    }

    @Schema(name = "GatewayActor")
    record ActorView(
            String id,
            String accountId,
            String name,
            @Schema(format = "email") @Nullable String email,
            @Schema(allowableValues = {"active", "disabled"}) String status,
            Instant createdAt,
            Instant updatedAt) {

        static ActorView of(GatewayActor a) {
            return new ActorView(
                    a.publicId(),
                    a.accountPublicId(),
                    a.name(),
                    a.email(),
                    a.status().wire(),
                    a.createdAt(),
                    a.updatedAt());
        }
    }

    @Schema(
            name = "GatewayCredential",
            description = "A credential set; its API password and x-api-key are never shown here.")
    record CredentialView(
            String id,
            String actorId,
            @Schema(description = "The public half of the Basic credential.") String clientId,
            @Schema(allowableValues = {"standard", "admin_unrestricted"}) String kind,
            @Schema(description = "True for admin_unrestricted sets, which need no policy.")
                    boolean adminUnrestricted,
            @Schema(allowableValues = {"active", "revoked"}) String status,
            @Nullable Instant expiresAt,
            @Schema(description = "Its own limit; null means the installation's default.")
                    @Nullable Integer rateLimitPerMinute,
            @Schema(description = "CIDR blocks; empty means any address.") List<String> allowedIps,
            @Schema(
                            description =
                                    "Until then the secrets replaced by the last rotation still"
                                            + " work.")
                    @Nullable Instant previousValidUntil,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {

        static CredentialView of(Credential c) {
            return new CredentialView(
                    c.publicId(),
                    c.actorPublicId(),
                    c.clientId(),
                    c.kind().wire(),
                    c.kind() == dev.gatehouse.gateway.access.CredentialKind.ADMIN_UNRESTRICTED,
                    c.status(),
                    c.expiresAt(),
                    c.rateLimitPerMinute(),
                    c.allowedIps(),
                    c.previousValidUntil(),
                    c.createdAt(),
                    c.updatedAt(),
                    c.revokedAt(),
                    c.lastUsedAt());
        }
    }

    /** The one answer that carries a new set's secrets. */
    @Schema(
            name = "GatewayCredentialIssued",
            description =
                    "The new credential set and, this once, its API password and x-api-key. Share"
                            + " them only through a secure channel; they cannot be shown again.")
    record IssuedView(
            CredentialView credential,
            String clientId,
            @Schema(description = "gwp_ followed by 43 characters; shown once.") String apiPassword,
            @Schema(description = "gwk_ followed by 43 characters; shown once.") String xApiKey) {

        static IssuedView of(Credential c, CredentialIssuance.OneTimeSecrets s) {
            return new IssuedView(CredentialView.of(c), s.clientId(), s.apiPassword(), s.xApiKey());
        }
    }

    @Schema(
            name = "GatewayToken",
            description = "An issued gateway token; its value is never shown here.")
    record TokenView(
            String id,
            String credentialId,
            @Schema(allowableValues = {"active", "expired", "revoked"}) String status,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant revokedAt) {

        static TokenView of(GatewayToken t, Instant now) {
            return new TokenView(
                    t.publicId(),
                    t.credentialPublicId(),
                    t.status(now),
                    t.createdAt(),
                    t.expiresAt(),
                    t.revokedAt());
        }
    }

    /** The one answer that carries a rotated set's new secrets. */
    @Schema(
            name = "GatewayCredentialRotated",
            description =
                    "The rotated credential set and, this once, its new API password and x-api-key."
                            + " The old ones stop at once, or at previous_valid_until.")
    record RotatedView(
            CredentialView credential,
            String clientId,
            @Schema(description = "gwp_ followed by 43 characters; shown once.") String apiPassword,
            @Schema(description = "gwk_ followed by 43 characters; shown once.") String xApiKey) {

        static RotatedView of(Credential c, CredentialIssuance.OneTimeSecrets s) {
            return new RotatedView(
                    CredentialView.of(c), s.clientId(), s.apiPassword(), s.xApiKey());
        }
    }
}
