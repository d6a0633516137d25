package dev.gatehouse.kernel.config;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.List;

/**
 * The three root secrets from the environment, decoded. Holds key bytes, so {@code toString()}
 * never prints them; accessors return copies.
 */
public final class RootSecrets {

    private final byte[] appKey;
    private final List<byte[]> previousAppKeys;
    private final byte @Nullable [] credentialEncKey;
    private final List<byte[]> previousCredentialEncKeys;
    private final byte[] tokenHmacSecret;

    RootSecrets(
            byte[] appKey,
            List<byte[]> previousAppKeys,
            byte @Nullable [] credentialEncKey,
            List<byte[]> previousCredentialEncKeys,
            byte[] tokenHmacSecret) {
        this.appKey = appKey.clone();
        this.previousAppKeys = previousAppKeys.stream().map(byte[]::clone).toList();
        this.credentialEncKey = credentialEncKey == null ? null : credentialEncKey.clone();
        this.previousCredentialEncKeys =
                previousCredentialEncKeys.stream().map(byte[]::clone).toList();
        this.tokenHmacSecret = tokenHmacSecret.clone();
    }

    /** {@code APP_KEY}: 32 bytes. */
    public byte[] appKey() {
        return appKey.clone();
    }

    /**
     * {@code APP_KEY_PREVIOUS}: older APP_KEYs still readable until {@code vault rotate} finishes.
     */
    public List<byte[]> previousAppKeys() {
        return previousAppKeys.stream().map(byte[]::clone).toList();
    }

    /** {@code CREDENTIAL_ENC_KEY}: 32 bytes, or null when DNS credentials cannot be stored. */
    public byte @Nullable [] credentialEncKey() {
        return credentialEncKey == null ? null : credentialEncKey.clone();
    }

    public List<byte[]> previousCredentialEncKeys() {
        return previousCredentialEncKeys.stream().map(byte[]::clone).toList();
    }

    /** {@code TOKEN_HMAC_SECRET}: at least 32 bytes, signs widget JWTs. */
    public byte[] tokenHmacSecret() {
        return tokenHmacSecret.clone();
    }

    @Override
    public String toString() {
        return "RootSecrets[redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RootSecrets other && Arrays.equals(appKey, other.appKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(appKey);
    }
}
