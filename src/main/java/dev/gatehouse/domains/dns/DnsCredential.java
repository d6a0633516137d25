package dev.gatehouse.domains.dns;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.time.Instant;

/**
 * A tenant's stored DNS provider credential, without its secret (which stays sealed in the row).
 */
public record DnsCredential(
        long id,
        String publicId,
        TenantId tenant,
        String name,
        ProviderConfig config,
        Instant createdAt) {

    public String provider() {
        return config.provider();
    }
}
