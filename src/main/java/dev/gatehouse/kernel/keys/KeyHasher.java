package dev.gatehouse.kernel.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of an API key: HMAC-SHA256 under a key derived from {@code APP_KEY}. A stolen database
 * alone does not let anyone test guesses offline. After {@code APP_KEY} rotates, hashes made under
 * a previous key ({@code APP_KEY_PREVIOUS}) are still recognised through {@link #previousHashes},
 * and verification re-makes them under the current key. Thread-safe ({@link Mac} per call).
 */
public final class KeyHasher {

    private final SecretKeySpec key;
    private final java.util.List<SecretKeySpec> previous;

    /**
     * @param hashKeys the current hash key first, then those derived from previous APP_KEYs
     */
    public KeyHasher(java.util.List<byte[]> hashKeys) {
        if (hashKeys.isEmpty()) {
            throw new IllegalArgumentException("at least the current hash key is needed");
        }
        for (byte[] k : hashKeys) {
            if (k.length < 32) {
                throw new IllegalArgumentException(
                        "hash key must be at least 32 bytes, was " + k.length);
            }
        }
        this.key = new SecretKeySpec(hashKeys.get(0).clone(), "HmacSHA256");
        this.previous =
                hashKeys.subList(1, hashKeys.size()).stream()
                        .map(k -> new SecretKeySpec(k.clone(), "HmacSHA256"))
                        .toList();
    }

    byte[] hash(ApiKeySecret secret) {
        return hash(secret.reveal());
    }

    /**
     * Hashes of {@code secret} under each previous key, newest first; empty when none is
     * configured.
     */
    java.util.List<byte[]> previousHashes(ApiKeySecret secret) {
        return previous.stream().map(k -> mac(k, secret.reveal())).toList();
    }

    /** The keyed hash of any token-shaped secret (API keys here; gateway tokens reuse it). */
    public byte[] hash(String secret) {
        return mac(key, secret);
    }

    private static byte[] mac(SecretKeySpec key, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("invalid hash key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "KeyHasher[redacted]";
    }
}
