package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 appendix B. */
    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    static Totp at(long epochSecond) {
        return new Totp(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesTheRfc6238AppendixBVectorsForSha1(long time, String expected) {
        assertThat(Totp.code(RFC_SECRET, time / 30, 8)).isEqualTo(expected);
        assertThat(at(time).codeNow(RFC_SECRET)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsTheCurrentStepAndOneEitherSide() {
        Totp totp = at(1_111_111_111L);
        long now = totp.currentStep();
        for (long step = now - 1; step <= now + 1; step++) {
            assertThat(totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step, 6), null))
                    .isEqualTo(new Totp.Check.Accepted(step));
        }
    }

    @Test
    void refusesCodesTwoStepsAwayInEitherDirection() {
        Totp totp = at(1_111_111_111L);
        long now = totp.currentStep();
        assertThat(totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now - 2, 6), null))
                .isInstanceOf(Totp.Check.Rejected.class);
        assertThat(totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now + 2, 6), null))
                .isInstanceOf(Totp.Check.Rejected.class);
    }

    @Test
    void aCodeWhoseStepWasAlreadyUsedIsAReplay() {
        Totp totp = at(1_111_111_111L);
        long now = totp.currentStep();
        String code = Totp.code(RFC_SECRET, now, 6);

        assertThat(totp.verify(RFC_SECRET, code, now)).isInstanceOf(Totp.Check.Replayed.class);
        assertThat(totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now - 1, 6), now))
                .isInstanceOf(Totp.Check.Replayed.class);
        assertThat(totp.verify(RFC_SECRET, code, now - 1)).isEqualTo(new Totp.Check.Accepted(now));
    }

    @Test
    void malformedCodesAreRejectedWithoutComputing() {
        Totp totp = at(59);
        assertThat(totp.verify(RFC_SECRET, "28708", null)).isInstanceOf(Totp.Check.Rejected.class);
        assertThat(totp.verify(RFC_SECRET, "2870821", null))
                .isInstanceOf(Totp.Check.Rejected.class);
        assertThat(totp.verify(RFC_SECRET, "28708a", null)).isInstanceOf(Totp.Check.Rejected.class);
        assertThat(totp.verify(RFC_SECRET, "287082", null)).isEqualTo(new Totp.Check.Accepted(1));
    }

    @Test
    void anotherSecretsCodeIsRejected() {
        Totp totp = at(59);
        byte[] other = "abcdefghijabcdefghij".getBytes(StandardCharsets.US_ASCII);
        assertThat(totp.verify(other, "287082", null)).isInstanceOf(Totp.Check.Rejected.class);
    }

    @Test
    void enrollmentShowsRfc4648Base32AndAnOtpauthUri() {
        assertThat(TotpEnrollment.base32("foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MZXW6YTBOI");
        assertThat(TotpEnrollment.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");

        TotpEnrollment enrollment = new TotpEnrollment(RFC_SECRET, "ann+ops@example.com");
        assertThat(enrollment.secretBase32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(enrollment.otpauthUri())
                .isEqualTo(
                        "otpauth://totp/Gatehouse:ann%2Bops%40example.com"
                            + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30");
        assertThat(enrollment.toString()).isEqualTo("[redacted]");
    }
}
