package dev.gatehouse.gateway.upstream;

import dev.gatehouse.gateway.GatewayModule;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.RevealedSecret;
import dev.gatehouse.kernel.vault.SecretPlace;
import dev.gatehouse.kernel.vault.Vault;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Seals and opens an upstream's secrets ({@code auth_secret}) and cached session token ({@code
 * session_token}) under {@link GatewayModule#UPSTREAM_SECRETS}, each bound to the tenant, the
 * table, its column and the upstream's public id, so a value copied to another row, column or
 * tenant does not open. A value that does not open is reported as empty, never as its text.
 * Thread-safe.
 */
@Component
final class UpstreamVault {

    private final Vault vault;

    UpstreamVault(Vault vault) {
        this.vault = vault;
    }

    String sealSecrets(TenantId tenant, String publicId, UpstreamSecrets secrets) {
        return seal(place(tenant, publicId, Upstreams.SECRET_COLUMN), secrets.toJsonBytes());
    }

    /** The stored secrets, or empty when they do not open (moved, tampered, retired key). */
    Optional<UpstreamSecrets> openSecrets(Upstream upstream) {
        if (upstream.sealedSecret() == null) {
            return Optional.of(UpstreamSecrets.empty());
        }
        return open(
                        place(upstream.tenant(), upstream.publicId(), Upstreams.SECRET_COLUMN),
                        upstream.sealedSecret())
                .map(UpstreamSecrets::fromJson);
    }

    String sealToken(Upstream upstream, String token) {
        return seal(
                place(upstream.tenant(), upstream.publicId(), Upstreams.SESSION_COLUMN),
                token.getBytes(StandardCharsets.UTF_8));
    }

    Optional<String> openToken(Upstream upstream, String sealed) {
        return open(
                place(upstream.tenant(), upstream.publicId(), Upstreams.SESSION_COLUMN), sealed);
    }

    private String seal(SecretPlace place, byte[] plain) {
        try {
            return vault.seal(place, plain).text();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private Optional<String> open(SecretPlace place, String sealed) {
        return switch (vault.open(place, sealed)) {
            case Opened.Revealed(RevealedSecret secret) -> {
                try (secret) {
                    yield Optional.of(secret.asString());
                }
            }
            case Opened.Failed f -> Optional.empty();
        };
    }

    private static SecretPlace place(TenantId tenant, String publicId, String column) {
        return new SecretPlace(
                GatewayModule.UPSTREAM_SECRETS, tenant, Upstreams.TABLE, column, publicId);
    }
}
