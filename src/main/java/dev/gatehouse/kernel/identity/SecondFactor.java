package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.RevealedSecret;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.vault.SecretPlace;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.vault.VaultPurpose;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The TOTP secret at rest and the checks on a presented second factor. The secret is 20 random
 * bytes sealed by the {@link Vault} to {@code (tenant, users, totp_secret, usr_…)}, so a value
 * copied to another user does not open.
 *
 * <p>Sealed under the {@code USER_SECRETS} purpose: its own HKDF sub-key of {@code APP_KEY}.
 */
final class SecondFactor {

    static final VaultPurpose PURPOSE = VaultPurpose.USER_SECRETS;
    static final int SECRET_BYTES = 20;

    /** A secret sealed for storage and the enrolment view of it for the user. */
    record NewSecret(String sealedText, TotpEnrollment enrollment) {
        @Override
        public String toString() {
            return "NewSecret[redacted]";
        }
    }

    private final Vault vault;
    private final Totp totp;
    private final SecureRandom random;

    SecondFactor(Vault vault, Totp totp, SecureRandom random) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The column the vault's key rotation re-seals. */
    static SealedColumn column() {
        return new SealedColumn(PURPOSE, "users", "public_id", "tenant_id", "totp_secret");
    }

    NewSecret newSecret(TenantId tenant, String userPublicId, String email) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        try {
            String sealed = vault.seal(place(tenant, userPublicId), secret).text();
            return new NewSecret(sealed, new TotpEnrollment(secret, email));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Checks a TOTP code against the user's stored secret; a secret that does not open rejects. */
    Totp.Check checkCode(StoredUser user, String code) {
        String sealed = user.totpSecret();
        if (sealed == null) {
            return new Totp.Check.Rejected();
        }
        return switch (vault.open(place(user.tenant(), user.publicId()), sealed)) {
            case Opened.Failed f -> new Totp.Check.Rejected();
            case Opened.Revealed(RevealedSecret secret) -> {
                try (secret) {
                    byte[] bytes = secret.bytes();
                    try {
                        yield totp.verify(bytes, code, user.totpLastStep());
                    } finally {
                        Arrays.fill(bytes, (byte) 0);
                    }
                }
            }
        };
    }

    RecoveryCodes newRecoveryCodes() {
        return RecoveryCodes.generate(random);
    }

    /** True when {@code presented} is shaped like a TOTP code rather than a recovery code. */
    static boolean looksLikeTotp(String presented) {
        return presented.length() == Totp.DIGITS
                && presented.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static SecretPlace place(TenantId tenant, String userPublicId) {
        return new SecretPlace(PURPOSE, tenant, "users", "totp_secret", userPublicId);
    }
}
