package dev.gatehouse.kernel.ids;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Public identifiers: a type prefix and 128 random bits in lowercase Crockford base32 ({@code
 * key_01hq3…}, 26 characters after the prefix). Internal database keys are never shown.
 * Thread-safe.
 */
public final class PublicIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final Pattern SHAPE = Pattern.compile("^[a-z]{2,5}_[0-9a-hjkmnp-tv-z]{26}$");

    private final SecureRandom random;

    public PublicIds(SecureRandom random) {
        this.random = random;
    }

    /** A new id such as {@code key_…}; {@code prefix} is the type without the underscore. */
    public String next(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(prefix.length() + 27).append(prefix).append('_');
        // 128 bits as 26 base32 digits: 2 leading bits, then 25 groups of 5.
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        for (int i = 25; i >= 0; i--) {
            sb.append(ALPHABET[n.shiftRight(i * 5).intValue() & 31]);
        }
        return sb.toString();
    }

    /**
     * True when {@code id} has the shape of a public id with this prefix; cheap check before any
     * lookup.
     */
    public static boolean looksLike(String prefix, String id) {
        return id.length() == prefix.length() + 27
                && id.startsWith(prefix + "_")
                && SHAPE.matcher(id).matches();
    }
}
