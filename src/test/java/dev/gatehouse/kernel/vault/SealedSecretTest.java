package dev.gatehouse.kernel.vault;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.junit.jupiter.api.Test;

class SealedSecretTest {

    private static final String KEY = "0123456789abcdef";
    private static final String PAYLOAD =
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // 28 bytes: nonce + tag

    @Test
    void textFormParsesBackToAnEqualValue() {
        SealedSecret sealed =
                VaultFixtures.vault(VaultFixtures.appKeyOnly(1))
                        .seal(VaultFixtures.upstreamPlace("1"), "abc".getBytes(UTF_8));

        assertThat(SealedSecret.parse(sealed.text()))
                .isEqualTo(new SealedSecret.Parsed.Valid(sealed));
    }

    @Test
    void minimalWellFormedValueParses() {
        assertThat(SealedSecret.parse("v1." + KEY + "." + PAYLOAD))
                .isInstanceOf(SealedSecret.Parsed.Valid.class);
    }

    @Test
    void wrongNumberOfPartsIsMalformed() {
        assertMalformed("v1." + KEY, "sealed value must have 3 dot-separated parts, had 2");
        assertMalformed(
                "v1." + KEY + "." + PAYLOAD + ".",
                "sealed value must have 3 dot-separated parts, had 4");
        assertMalformed("", "sealed value must have 3 dot-separated parts, had 1");
    }

    @Test
    void unknownVersionIsMalformed() {
        assertMalformed("v2." + KEY + "." + PAYLOAD, "unsupported sealed value version");
        assertMalformed("V1." + KEY + "." + PAYLOAD, "unsupported sealed value version");
    }

    @Test
    void keyIdMustBeSixteenLowercaseHex() {
        assertMalformed(
                "v1.0123456789ABCDEF." + PAYLOAD, "key id must be 16 lowercase hex characters");
        assertMalformed(
                "v1.0123456789abcde." + PAYLOAD, "key id must be 16 lowercase hex characters");
    }

    @Test
    void payloadMustBeCanonicalUnpaddedBase64Url() {
        assertMalformed(
                "v1." + KEY + "." + PAYLOAD + "==", "payload is not canonical unpadded base64url");
        assertMalformed(
                "v1." + KEY + "." + PAYLOAD.replace('A', '+'),
                "payload is not canonical unpadded base64url");
        assertMalformed(
                "v1." + KEY + "." + PAYLOAD.substring(1) + "B",
                "payload is not canonical unpadded base64url");
        assertMalformed("v1." + KEY + ".", "payload is not canonical unpadded base64url");
    }

    @Test
    void payloadShorterThanNonceAndTagIsMalformed() {
        assertMalformed(
                "v1." + KEY + "." + PAYLOAD.substring(4), "payload is shorter than nonce and tag");
    }

    @Test
    void oversizedTextIsMalformed() {
        assertMalformed(
                "v1." + KEY + "." + "A".repeat(70_000),
                "sealed value is longer than 65536 characters");
    }

    private static void assertMalformed(String text, String reason) {
        assertThat(SealedSecret.parse(text)).isEqualTo(new SealedSecret.Parsed.Malformed(reason));
    }
}
