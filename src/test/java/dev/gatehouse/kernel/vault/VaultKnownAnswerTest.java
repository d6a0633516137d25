package dev.gatehouse.kernel.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Values sealed before vault purposes became declarations (when they were an enum) still open, and
 * sealing today gives the very same bytes: the key schedule (HKDF label) and the associated data
 * (purpose name) did not change. The expected texts were produced by the enum-based vault.
 */
class VaultKnownAnswerTest {

    /** A "random" source that fills every nonce with 0x5a, so sealing is deterministic. */
    static final class FixedNonces extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) 0x5a);
        }
    }

    static final byte[] PLAINTEXT = "known answer".getBytes(StandardCharsets.UTF_8);

    /** APP_KEY filled with 0x11, CREDENTIAL_ENC_KEY with 0x22, nonces with 0x5a. */
    public static Vault fixedVault() {
        byte[] app = new byte[32];
        Arrays.fill(app, (byte) 0x11);
        byte[] credential = new byte[32];
        Arrays.fill(credential, (byte) 0x22);
        return new Vault(VaultKeys.of(app, List.of(), credential, List.of()), new FixedNonces());
    }

    static SecretPlace place(VaultPurpose purpose) {
        return new SecretPlace(purpose, new TenantId(7), "t", "c", "row_1");
    }

    static void assertKnownAnswer(VaultPurpose purpose, String sealedBefore) {
        Vault vault = fixedVault();
        assertThat(vault.seal(place(purpose), PLAINTEXT).text()).isEqualTo(sealedBefore);
        assertThat(vault.open(place(purpose), sealedBefore))
                .isInstanceOfSatisfying(
                        Opened.Revealed.class,
                        r -> assertThat(r.secret().bytes()).isEqualTo(PLAINTEXT));
    }

    @Test
    void userSecretsSealedByTheEnumVaultStillOpen() {
        assertKnownAnswer(
                VaultPurpose.USER_SECRETS,
                "v1.aa7adb92204d036f.WlpaWlpaWlpaWlpaExZjEKHnLeKNsNl-ROmoU_WG4n4QEwr2kmToew");
    }

    @Test
    void purposesDeclaredWithTheOldEnumsNamesAndLabelsGetTheOldKeys() {
        // What ERP Access must declare for the enum's UPSTREAM_SECRETS.
        assertKnownAnswer(
                new VaultPurpose("UPSTREAM_SECRETS", "upstream-secrets", VaultPurpose.Ring.APP_KEY),
                "v1.aa7adb92204d036f.WlpaWlpaWlpaWlpavnNGZOJzp74zsuw6cSBp3h9nRiIZX05cH7_jIA");
        // And what SageConnect must declare for the enum's SYNC_SECRETS.
        assertKnownAnswer(
                new VaultPurpose("SYNC_SECRETS", "sync-secrets", VaultPurpose.Ring.APP_KEY),
                "v1.aa7adb92204d036f.WlpaWlpaWlpaWlpabebg8uC_2rg7xKquLkOSF8H3rVvluRqdrO78ig");
    }

    @Test
    void anotherLabelOrNameDoesNotOpenIt() {
        String sealed =
                "v1.aa7adb92204d036f.WlpaWlpaWlpaWlpaExZjEKHnLeKNsNl-ROmoU_WG4n4QEwr2kmToew";
        Vault vault = fixedVault();
        assertThat(
                        vault.open(
                                place(
                                        new VaultPurpose(
                                                "USER_SECRETS",
                                                "user-secret",
                                                VaultPurpose.Ring.APP_KEY)),
                                sealed))
                .isEqualTo(new Opened.Failed(Opened.Failure.NOT_AUTHENTIC));
        assertThat(
                        vault.open(
                                place(
                                        new VaultPurpose(
                                                "USER_SECRET",
                                                "user-secrets",
                                                VaultPurpose.Ring.APP_KEY)),
                                sealed))
                .isEqualTo(new Opened.Failed(Opened.Failure.NOT_AUTHENTIC));
    }
}
