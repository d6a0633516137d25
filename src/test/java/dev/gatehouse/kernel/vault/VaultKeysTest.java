package dev.gatehouse.kernel.vault;

import static dev.gatehouse.kernel.vault.VaultFixtures.rootKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;

class VaultKeysTest {

    @Test
    void keyIdIsStableAndDiffersPerKey() {
        assertThat(VaultKeys.of(rootKey(1)).appKeyId())
                .isEqualTo(VaultKeys.of(rootKey(1)).appKeyId());
        assertThat(VaultKeys.of(rootKey(1)).appKeyId())
                .isNotEqualTo(VaultKeys.of(rootKey(2)).appKeyId());
        assertThat(VaultKeys.of(rootKey(1)).appKeyId().value()).matches("[0-9a-f]{16}");
    }

    @Test
    void rootKeyMustBeThirtyTwoBytes() {
        assertThatThrownBy(() -> VaultKeys.of(new byte[31]))
                .hasMessage("APP_KEY must be 32 bytes, was 31");
        assertThatThrownBy(() -> VaultKeys.of(rootKey(1), List.of(new byte[16]), null, List.of()))
                .hasMessage("previous APP_KEY #1 must be 32 bytes, was 16");
        assertThatThrownBy(() -> VaultKeys.of(rootKey(1), List.of(), new byte[33], List.of()))
                .hasMessage("CREDENTIAL_ENC_KEY must be 32 bytes, was 33");
    }

    @Test
    void previousCredentialKeysNeedACurrentOne() {
        assertThatThrownBy(() -> VaultKeys.of(rootKey(1), List.of(), null, List.of(rootKey(3))))
                .hasMessage("previous CREDENTIAL_ENC_KEY values need a current CREDENTIAL_ENC_KEY");
    }

    @Test
    void credentialKeyMustDifferFromAppKey() {
        assertThatThrownBy(() -> VaultKeys.of(rootKey(1), List.of(), rootKey(1), List.of()))
                .hasMessageStartingWith("CREDENTIAL_ENC_KEY must differ from every APP_KEY");
    }

    @Test
    void inputArraysAreCopied() {
        byte[] key = rootKey(1);
        VaultKeys keys = VaultKeys.of(key);
        byte[] before = keys.derive("api-key-hash", 32);
        java.util.Arrays.fill(key, (byte) 0);

        assertThat(keys.derive("api-key-hash", 32)).isEqualTo(before);
    }

    @Test
    void derivedKeysDependOnInfoAndAppKey() {
        VaultKeys keys = VaultKeys.of(rootKey(1));

        assertThat(keys.derive("api-key-hash", 32))
                .hasSize(32)
                .isNotEqualTo(keys.derive("gateway-token-hash", 32))
                .isNotEqualTo(VaultKeys.of(rootKey(2)).derive("api-key-hash", 32));
    }

    @Test
    void derivationFromAPreviousAppKeyMatchesWhatItDerivedWhenCurrent() {
        VaultKeys old = VaultKeys.of(rootKey(1));
        VaultKeys rotated = VaultKeys.of(rootKey(2), List.of(rootKey(1)), null, List.of());

        assertThat(rotated.derive(old.appKeyId(), "api-key-hash", 32))
                .contains(old.derive("api-key-hash", 32));
        assertThat(VaultKeys.of(rootKey(2)).derive(old.appKeyId(), "api-key-hash", 32)).isEmpty();
    }

    @Test
    void derivationArgumentsAreChecked() {
        VaultKeys keys = VaultKeys.of(rootKey(1));
        assertThatThrownBy(() -> keys.derive(" ", 32))
                .hasMessage("derivation info must not be blank");
        assertThatThrownBy(() -> keys.derive("x", 8))
                .hasMessage("derived key length must be between 16 and 64 bytes, was 8");
    }

    @Test
    void toStringShowsKeyIdsOnly() {
        VaultKeys keys = VaultKeys.of(rootKey(1), List.of(rootKey(2)), rootKey(3), List.of());

        assertThat(keys.toString())
                .contains(keys.appKeyId().value(), keys.credentialKeyId().orElseThrow().value())
                .doesNotContain("0101010101");
    }
}
