package dev.gatehouse.licensing;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One answer of the license server, {@code {active, expiresAt?, ts, sig}}, and its signature.
 *
 * <p>The signature is the hex HMAC-SHA256, under the shared secret, of the JSON text {@code
 * {"active":true,"expiresAt":"…","ts":N}} (or {@code {"active":false,"ts":N}}): exactly those keys
 * in exactly that order, no spaces, {@code expiresAt} only when active and present, as the original
 * server's {@code JSON.stringify} writes it. The client rebuilds that text from the values it read
 * and compares in constant time; the server ({@link #sign}) writes it the same way.
 *
 * @param active whether the key is active
 * @param expiresAt the expiry as the server wrote it (kept verbatim: it is signed as text)
 * @param ts the server's clock, epoch milliseconds
 * @param sig the lower-case hex signature as received
 */
record LicenseAnswer(boolean active, @Nullable String expiresAt, long ts, String sig) {

    private static final HexFormat HEX = HexFormat.of();

    /** The exact text that is signed. */
    static String signedText(boolean active, @Nullable String expiresAt, long ts) {
        StringBuilder json = new StringBuilder("{\"active\":").append(active);
        if (active && expiresAt != null) {
            json.append(",\"expiresAt\":");
            jsonString(json, expiresAt);
        }
        return json.append(",\"ts\":").append(ts).append('}').toString();
    }

    /** The hex HMAC-SHA256 of {@link #signedText} under {@code secret}. */
    static String sign(String secret, boolean active, @Nullable String expiresAt, long ts) {
        return HEX.formatHex(mac(secret, signedText(active, expiresAt, ts)));
    }

    /** True when {@link #sig} is the signature of these values; constant time in its content. */
    boolean signedWith(String secret) {
        byte[] expected = sign(secret, active, expiresAt, ts).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = sig.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }

    /** The expiry as an instant, or null when absent; throws when it is not an RFC 3339 time. */
    @Nullable Instant expiry() {
        return expiresAt == null ? null : Instant.parse(expiresAt);
    }

    private static byte[] mac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** A JSON string as {@code JSON.stringify} writes it. */
    private static void jsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Never prints the signature. */
    @Override
    public String toString() {
        return "LicenseAnswer[active=" + active + ", expiresAt=" + expiresAt + ", ts=" + ts + "]";
    }
}
