package dev.gatehouse.kernel.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A new TOTP secret, shown once while the user enrols: as base32 to type in and as an {@code
 * otpauth://} URI for a QR code. {@link #toString()} prints {@code [redacted]}.
 */
public final class TotpEnrollment {

    static final String ISSUER = "Gatehouse";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final String secretBase32;
    private final String account;

    TotpEnrollment(byte[] secret, String account) {
        this.secretBase32 = base32(secret);
        this.account = Objects.requireNonNull(account, "account");
    }

    /** The secret in RFC 4648 base32, unpadded, for typing into an authenticator app. */
    public String secretBase32() {
        return secretBase32;
    }

    /**
     * {@code
     * otpauth://totp/Gatehouse:<account>?secret=…&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30}.
     */
    public String otpauthUri() {
        String label = encode(ISSUER) + ":" + encode(account);
        return "otpauth://totp/"
                + label
                + "?secret="
                + secretBase32
                + "&issuer="
                + encode(ISSUER)
                + "&algorithm=SHA1&digits="
                + Totp.DIGITS
                + "&period="
                + Totp.PERIOD_SECONDS;
    }

    @Override
    public String toString() {
        return "[redacted]";
    }

    static String base32(byte[] bytes) {
        StringBuilder sb = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
