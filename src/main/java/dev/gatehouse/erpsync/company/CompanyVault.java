package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.SyncModule;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.RevealedSecret;
import dev.gatehouse.kernel.vault.SecretPlace;
import dev.gatehouse.kernel.vault.Vault;

import java.util.Arrays;
import java.util.Optional;

/**
 * Seals and opens a company's {@link CompanySecrets} under {@link SyncModule#COMPANY_SECRETS},
 * bound to the tenant, the table, the column and the company's public id, so a value copied to
 * another row or tenant does not open. A value that does not open is reported as empty, never as
 * its text. Thread-safe.
 */
final class CompanyVault {

    private final Vault vault;

    CompanyVault(Vault vault) {
        this.vault = vault;
    }

    String seal(TenantId tenant, String publicId, CompanySecrets secrets) {
        byte[] plain = secrets.toJsonBytes();
        try {
            return vault.seal(place(tenant, publicId), plain).text();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The stored secrets, or empty when they do not open (moved, tampered, retired key). */
    Optional<CompanySecrets> open(Company company) {
        return switch (vault.open(
                place(company.tenant(), company.publicId()), company.sealedSecrets())) {
            case Opened.Revealed(RevealedSecret secret) -> {
                try (secret) {
                    yield Optional.of(CompanySecrets.fromJson(secret.asString()));
                }
            }
            case Opened.Failed f -> Optional.empty();
        };
    }

    private static SecretPlace place(TenantId tenant, String publicId) {
        return new SecretPlace(
                SyncModule.COMPANY_SECRETS,
                tenant,
                Companies.TABLE,
                Companies.SECRETS_COLUMN,
                publicId);
    }
}
