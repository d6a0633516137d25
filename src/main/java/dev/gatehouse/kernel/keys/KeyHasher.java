package dev.gatehouse.kernel.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of an API key: HMAC-SHA256 under a key derived from {@code APP_KEY}. A stolen
 * database alone does not let anyone test guesses offline. Thread-safe ({@link Mac} per call).
 */
public final class KeyHasher {

    private final SecretKeySpec key;

    public KeyHasher(byte[] hashKey) {
        if (hashKey.length < 32) {
            throw new IllegalArgumentException("hash key must be at least 32 bytes, was " + hashKey.length);
        }
        this.key = new SecretKeySpec(hashKey.clone(), "HmacSHA256");
    }

    byte[] hash(ApiKeySecret secret) {
        return hash(secret.reveal());
    }

    /** The keyed hash of any token-shaped secret (API keys here; gateway tokens reuse it). */
    public byte[] hash(String secret) {
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
