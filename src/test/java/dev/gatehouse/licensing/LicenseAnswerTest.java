package dev.gatehouse.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The signed text is exactly what the original license server's {@code JSON.stringify} writes, and
 * the signature checks out only for exactly those values, in that order, in lower-case hex. The
 * expected signatures were computed independently (Python's {@code hmac}).
 */
class LicenseAnswerTest {

    static final String SECRET = "a-shared-secret-of-32-characters";
    static final long TS = 1_796_083_200_000L;
    static final String EXPIRY = "2027-01-31T00:00:00.000Z";

    @Test
    void theSignedTextHasTheKeysInTheProtocolsOrder() {
        assertThat(LicenseAnswer.signedText(true, EXPIRY, TS))
                .isEqualTo("{\"active\":true,\"expiresAt\":\"" + EXPIRY + "\",\"ts\":" + TS + "}");
        assertThat(LicenseAnswer.signedText(true, null, TS))
                .isEqualTo("{\"active\":true,\"ts\":" + TS + "}");
        assertThat(LicenseAnswer.signedText(false, EXPIRY, TS))
                .as("expiresAt only when active")
                .isEqualTo("{\"active\":false,\"ts\":" + TS + "}");
        assertThat(LicenseAnswer.signedText(true, "a\"b\\c\n\u0001", TS))
                .contains("\"expiresAt\":\"a\\\"b\\\\c\\n\\u0001\"");
    }

    @Test
    void signaturesMatchAnIndependentImplementation() {
        assertThat(LicenseAnswer.sign(SECRET, true, EXPIRY, TS))
                .isEqualTo("d6ff1619923a0acd1021f8a8b4438fa2f2d49195fa090268f4e1a8d5fb039e3e");
        assertThat(LicenseAnswer.sign(SECRET, false, null, TS))
                .isEqualTo("25fddf6d473503885d80c252615ce54a5cf0ae05c470690c30257363b0362a09");
    }

    @Test
    void onlyTheExactValuesUnderTheRightSecretPass() {
        String sig = LicenseAnswer.sign(SECRET, true, EXPIRY, TS);
        assertThat(new LicenseAnswer(true, EXPIRY, TS, sig).signedWith(SECRET)).isTrue();

        assertThat(new LicenseAnswer(false, EXPIRY, TS, sig).signedWith(SECRET))
                .as("active flipped")
                .isFalse();
        assertThat(new LicenseAnswer(true, "2099-01-31T00:00:00.000Z", TS, sig).signedWith(SECRET))
                .as("expiry moved")
                .isFalse();
        assertThat(new LicenseAnswer(true, EXPIRY, TS + 1, sig).signedWith(SECRET))
                .as("ts changed")
                .isFalse();
        assertThat(new LicenseAnswer(true, EXPIRY, TS, sig).signedWith(SECRET + "x"))
                .as("another secret")
                .isFalse();
        assertThat(new LicenseAnswer(true, EXPIRY, TS, sig.toUpperCase()).signedWith(SECRET))
                .as("upper-case hex is not what the server writes")
                .isFalse();
        assertThat(new LicenseAnswer(true, EXPIRY, TS, sig.substring(2)).signedWith(SECRET))
                .as("a shorter signature")
                .isFalse();
        assertThat(new LicenseAnswer(true, EXPIRY, TS, "").signedWith(SECRET)).isFalse();
    }

    @Test
    void itsTextNeverShowsTheSignature() {
        String sig = LicenseAnswer.sign(SECRET, true, EXPIRY, TS);
        assertThat(new LicenseAnswer(true, EXPIRY, TS, sig).toString()).doesNotContain(sig);
    }
}
