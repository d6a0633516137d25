package dev.gatehouse.kernel.identity;

import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 6 digits, 30-second steps
 * from the Unix epoch, accepted one step either side of now for clock drift. A code whose step is
 * not after the user's last accepted step is a replay and refused, so a code works once. The caller
 * stores the accepted step atomically (see {@link Users#acceptTotpStep}). Thread-safe.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long PERIOD_SECONDS = 30;
    static final int WINDOW = 1;
    private static final int[] POWERS = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };

    /** The outcome of {@link #verify}. */
    public sealed interface Check {
        /** The code is valid for {@code step}, which the caller must now record as used. */
        record Accepted(long step) implements Check {}

        /** The code is valid but its step was already used (or is older than the last used one). */
        record Replayed() implements Check {}

        /** Not a valid code in the window. */
        record Rejected() implements Check {}
    }

    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The step now. */
    public long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code for the current step; for tests and for showing a sample while enrolling. */
    public String codeNow(byte[] secret) {
        return code(secret, currentStep(), DIGITS);
    }

    /**
     * Checks {@code code} against the steps around now. Every step of the window is computed and
     * compared in constant time, so timing does not say which step matched.
     *
     * @param lastAcceptedStep the user's last accepted step, or null when none
     */
    public Check verify(byte[] secret, String code, @Nullable Long lastAcceptedStep) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(code, "code");
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Check.Rejected();
        }
        long now = currentStep();
        long matched = Long.MIN_VALUE;
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = now - WINDOW; step <= now + WINDOW; step++) {
            byte[] expected = code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, presented) && matched == Long.MIN_VALUE) {
                matched = step;
            }
        }
        if (matched == Long.MIN_VALUE) {
            return new Check.Rejected();
        }
        if (lastAcceptedStep != null && matched <= lastAcceptedStep) {
            return new Check.Replayed();
        }
        return new Check.Accepted(matched);
    }

    /**
     * HOTP (RFC 4226) of {@code secret} at counter {@code step}, {@code digits} long, zero-padded.
     */
    static String code(byte[] secret, long step, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("TOTP digits must be 6 to 8, was " + digits);
        }
        byte[] hmac = hmacSha1(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hmac[hmac.length - 1] & 0x0f;
        int binary =
                ((hmac[offset] & 0x7f) << 24)
                        | ((hmac[offset + 1] & 0xff) << 16)
                        | ((hmac[offset + 2] & 0xff) << 8)
                        | (hmac[offset + 3] & 0xff);
        String digitsText = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - digitsText.length()) + digitsText;
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }
}
