package dev.gatehouse.kernel.vault;

import static dev.gatehouse.kernel.vault.VaultFixtures.OTHER_TENANT;
import static dev.gatehouse.kernel.vault.VaultFixtures.TENANT;
import static dev.gatehouse.kernel.vault.VaultFixtures.rootKey;
import static dev.gatehouse.kernel.vault.VaultFixtures.upstreamPlace;
import static dev.gatehouse.kernel.vault.VaultFixtures.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class VaultTest {

    private final Vault vault = vault(VaultFixtures.appKeyOnly(1));

    @Test
    void sealedValueOpensAtItsOwnPlace() {
        SecretPlace place = upstreamPlace("42");
        SealedSecret sealed = vault.seal(place, "s3cret-password".getBytes(UTF_8));

        assertThat(revealText(vault.open(place, sealed))).isEqualTo("s3cret-password");
        assertThat(revealText(vault.open(place, sealed.text()))).isEqualTo("s3cret-password");
    }

    @Test
    void emptySecretRoundTrips() {
        SealedSecret sealed = vault.seal(upstreamPlace("1"), new byte[0]);

        assertThat(revealText(vault.open(upstreamPlace("1"), sealed))).isEmpty();
    }

    @Test
    void textFormNamesVersionAndKeyIdAndHidesThePlaintext() {
        SealedSecret sealed = vault.seal(upstreamPlace("42"), "hunter2".getBytes(UTF_8));

        assertThat(sealed.text())
                .startsWith("v1." + vault.currentKeyId(VaultFixtures.SAMPLE).orElseThrow() + ".")
                .doesNotContain("hunter2");
        assertThat(sealed.text()).matches("v1\\.[0-9a-f]{16}\\.[A-Za-z0-9_-]+");
    }

    @Test
    void valueCopiedToAnotherRowDoesNotOpen() {
        SealedSecret sealed = vault.seal(upstreamPlace("42"), "x".getBytes(UTF_8));

        assertThat(vault.open(upstreamPlace("43"), sealed)).isEqualTo(notAuthentic());
    }

    @Test
    void valueCopiedToAnotherTenantOrToNoTenantDoesNotOpen() {
        SealedSecret sealed = vault.seal(upstreamPlace("42"), "x".getBytes(UTF_8));
        SecretPlace other =
                new SecretPlace(
                        VaultFixtures.SAMPLE, OTHER_TENANT, "upstream_credentials", "secret", "42");
        SecretPlace none =
                new SecretPlace(VaultFixtures.SAMPLE, null, "upstream_credentials", "secret", "42");

        assertThat(vault.open(other, sealed)).isEqualTo(notAuthentic());
        assertThat(vault.open(none, sealed)).isEqualTo(notAuthentic());
    }

    @Test
    void valueCopiedToAnotherColumnTableOrPurposeDoesNotOpen() {
        SealedSecret sealed = vault.seal(upstreamPlace("42"), "x".getBytes(UTF_8));

        assertThat(
                        vault.open(
                                new SecretPlace(
                                        VaultFixtures.SAMPLE,
                                        TENANT,
                                        "upstream_credentials",
                                        "token",
                                        "42"),
                                sealed))
                .isEqualTo(notAuthentic());
        assertThat(
                        vault.open(
                                new SecretPlace(
                                        VaultFixtures.SAMPLE,
                                        TENANT,
                                        "sync_companies",
                                        "secret",
                                        "42"),
                                sealed))
                .isEqualTo(notAuthentic());
        assertThat(
                        vault.open(
                                new SecretPlace(
                                        VaultFixtures.OTHER,
                                        TENANT,
                                        "upstream_credentials",
                                        "secret",
                                        "42"),
                                sealed))
                .isEqualTo(notAuthentic());
    }

    @Test
    void fieldBoundariesAreAuthenticatedSoShiftedNamesDoNotCollide() {
        SecretPlace ab = new SecretPlace(VaultFixtures.SAMPLE, TENANT, "ab", "c", "1");
        SecretPlace a = new SecretPlace(VaultFixtures.SAMPLE, TENANT, "a", "bc", "1");
        SealedSecret sealed = vault.seal(ab, "x".getBytes(UTF_8));

        assertThat(ab.associatedData(1, sealed.keyId()))
                .isNotEqualTo(a.associatedData(1, sealed.keyId()));
        assertThat(vault.open(a, sealed)).isEqualTo(notAuthentic());
    }

    @Test
    void everyFlippedBitIsDetected() {
        SecretPlace place = upstreamPlace("42");
        String text = vault.seal(place, "top secret".getBytes(UTF_8)).text();
        String prefix = text.substring(0, text.lastIndexOf('.') + 1);
        byte[] payload = Base64.getUrlDecoder().decode(text.substring(prefix.length()));

        for (int bit = 0; bit < payload.length * 8; bit++) {
            byte[] tampered = payload.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            String forged =
                    prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThat(vault.open(place, forged)).as("bit %d", bit).isEqualTo(notAuthentic());
        }
    }

    @Test
    void nonceIsFreshForEverySeal() {
        SecretPlace place = upstreamPlace("42");
        Set<String> nonces = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            SealedSecret sealed = vault.seal(place, "same".getBytes(UTF_8));
            nonces.add(Base64.getEncoder().encodeToString(sealed.nonce()));
            texts.add(sealed.text());
        }
        assertThat(nonces).hasSize(5_000);
        assertThat(texts).hasSize(5_000);
    }

    @Test
    void valuesSealedUnderAPreviousKeyStillOpenAndAreNotCurrent() {
        Vault before = vault(VaultFixtures.appKeyOnly(1));
        SealedSecret old = before.seal(upstreamPlace("42"), "kept".getBytes(UTF_8));
        Vault after = vault(VaultKeys.of(rootKey(2), List.of(rootKey(1)), null, List.of()));

        assertThat(revealText(after.open(upstreamPlace("42"), old))).isEqualTo("kept");
        assertThat(after.isCurrent(VaultFixtures.SAMPLE, old)).isFalse();
        SealedSecret fresh = after.seal(upstreamPlace("42"), "kept".getBytes(UTF_8));
        assertThat(after.isCurrent(VaultFixtures.SAMPLE, fresh)).isTrue();
        assertThat(fresh.keyId()).isNotEqualTo(old.keyId());
    }

    @Test
    void valueUnderARetiredKeyFailsAsUnknownKey() {
        SealedSecret old =
                vault(VaultFixtures.appKeyOnly(1)).seal(upstreamPlace("42"), "x".getBytes(UTF_8));
        Vault after = vault(VaultFixtures.appKeyOnly(2));

        assertThat(after.open(upstreamPlace("42"), old))
                .isEqualTo(new Opened.Failed(Opened.Failure.UNKNOWN_KEY));
    }

    @Test
    void malformedTextFailsAsMalformedWithoutThrowing() {
        assertThat(vault.open(upstreamPlace("42"), "not a sealed value"))
                .isEqualTo(new Opened.Failed(Opened.Failure.MALFORMED));
    }

    @Test
    void aPurposeOnTheCredentialRingCannotBeSealedWithoutCredentialKey() {
        SecretPlace dns =
                new SecretPlace(
                        VaultFixtures.SECOND_RING, TENANT, "dns_credentials", "secret", "9");

        assertThat(vault.canSeal(VaultFixtures.SECOND_RING)).isFalse();
        assertThatThrownBy(() -> vault.seal(dns, "x".getBytes(UTF_8)))
                .isInstanceOf(MissingVaultKey.class)
                .hasMessage(
                        "cannot seal SECOND_RING_SECRETS: its key (CREDENTIAL_ENC_KEY) is not"
                                + " configured");
    }

    @Test
    void aPurposeOnTheCredentialRingUsesThatRingNotAppKey() {
        Vault both = vault(VaultFixtures.withCredentialKey(1, 3));
        SecretPlace dns =
                new SecretPlace(
                        VaultFixtures.SECOND_RING, TENANT, "dns_credentials", "secret", "9");
        SealedSecret sealed = both.seal(dns, "tsig".getBytes(UTF_8));

        assertThat(both.canSeal(VaultFixtures.SECOND_RING)).isTrue();
        assertThat(sealed.keyId())
                .isEqualTo(both.currentKeyId(VaultFixtures.SECOND_RING).orElseThrow())
                .isNotEqualTo(both.currentKeyId(VaultFixtures.SAMPLE).orElseThrow());
        assertThat(revealText(both.open(dns, sealed))).isEqualTo("tsig");
        assertThat(vault.open(dns, sealed))
                .isEqualTo(new Opened.Failed(Opened.Failure.NO_KEY_RING));
    }

    @Test
    void sealingDoesNotKeepAReferenceToTheCallersPlaintext() {
        byte[] plaintext = "abc".getBytes(UTF_8);
        SealedSecret sealed = vault.seal(upstreamPlace("42"), plaintext);
        java.util.Arrays.fill(plaintext, (byte) 0);

        assertThat(revealText(vault.open(upstreamPlace("42"), sealed))).isEqualTo("abc");
    }

    private static Opened notAuthentic() {
        return new Opened.Failed(Opened.Failure.NOT_AUTHENTIC);
    }

    private static String revealText(Opened opened) {
        assertThat(opened).isInstanceOf(Opened.Revealed.class);
        try (RevealedSecret secret = ((Opened.Revealed) opened).secret()) {
            return secret.asString();
        }
    }
}
