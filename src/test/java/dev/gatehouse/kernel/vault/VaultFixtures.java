package dev.gatehouse.kernel.vault;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** Object mother for vault tests: fixed root keys, places, and vaults over them. */
final class VaultFixtures {

    static final TenantId TENANT = new TenantId(7);
    static final TenantId OTHER_TENANT = new TenantId(8);

    private VaultFixtures() {}

    /** A 32-byte root key filled with {@code fill}. */
    static byte[] rootKey(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    static VaultKeys appKeyOnly(int fill) {
        return VaultKeys.of(rootKey(fill));
    }

    static VaultKeys withCredentialKey(int appFill, int credentialFill) {
        return VaultKeys.of(rootKey(appFill), List.of(), rootKey(credentialFill), List.of());
    }

    static Vault vault(VaultKeys keys) {
        return new Vault(keys, new SecureRandom());
    }

    static SecretPlace upstreamPlace(String rowId) {
        return new SecretPlace(
                VaultPurpose.UPSTREAM_SECRETS, TENANT, "upstream_credentials", "secret", rowId);
    }
}
