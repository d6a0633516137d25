package dev.gatehouse.kernel.vault;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) on the JDK's {@code HmacSHA256}: extract a pseudorandom key from input
 * keying material, then expand it into as many bytes as asked for under an {@code info} label. Pure
 * and thread-safe.
 */
final class Hkdf {

    static final int HASH_LENGTH = 32;
    static final int MAX_LENGTH = 255 * HASH_LENGTH;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {}

    /** Extract then expand. */
    static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /** RFC 5869 section 2.2; an empty salt stands for {@code HashLen} zero bytes. */
    static byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        byte[] key = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        return hmac(key).doFinal(ikm);
    }

    /** RFC 5869 section 2.3. */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "HKDF length must be between 1 and " + MAX_LENGTH + ", was " + length);
        }
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException(
                    "HKDF pseudorandom key must be at least "
                            + HASH_LENGTH
                            + " bytes, was "
                            + prk.length);
        }
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            Arrays.fill(block, (byte) 0);
            block = mac.doFinal();
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            written += n;
        }
        Arrays.fill(block, (byte) 0);
        return out;
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
