package dev.gatehouse.erpsync.company;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.time.Instant;

/**
 * A stored company. {@code sealedSecrets} is the vault's text of its {@link CompanySecrets}; open
 * it with {@link CompanyAdministration#secrets}. {@code version} moves on with every change.
 */
public record Company(
        long id,
        String publicId,
        TenantId tenant,
        String name,
        CompanyConfig config,
        String sealedSecrets,
        boolean enabled,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "Company[" + publicId + ", " + name + ", version " + version + "]";
    }
}
