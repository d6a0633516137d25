package dev.gatehouse.kernel.vault;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** Object mother for vault tests: fixed root keys, places, and vaults over them. */
final class VaultFixtures {

    /**
     * Purposes a product might declare; test-only, so kernel tests need no product. Real purposes
     * are the kernel's ({@link VaultPurpose#KERNEL}) and those each product module declares.
     */
    static final VaultPurpose SAMPLE =
            new VaultPurpose("SAMPLE_SECRETS", "sample-secrets", VaultPurpose.Ring.APP_KEY);

    static final VaultPurpose OTHER =
            new VaultPurpose("OTHER_SECRETS", "other-secrets", VaultPurpose.Ring.APP_KEY);

    static final VaultPurpose SECOND_RING =
            new VaultPurpose(
                    "SECOND_RING_SECRETS",
                    "second-ring-secrets",
                    VaultPurpose.Ring.CREDENTIAL_ENC_KEY);

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
        return new SecretPlace(SAMPLE, TENANT, "upstream_credentials", "secret", rowId);
    }
}
