package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.identity.Passwords;
import dev.gatehouse.kernel.keys.KeyHasher;

import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes the secrets of credential sets and tokens, and their stored forms. Every secret is a prefix
 * and 43 base64url characters (256 random bits): {@code gwp_} API passwords (kept as the kernel's
 * Argon2id PHC hash), {@code gwk_} x-api-keys and {@code gwt_} gateway tokens (kept as the kernel's
 * keyed hash, hex). All three shapes are masked in logs and audit by {@code GatewayModule}.
 * Thread-safe.
 */
@Component
public class CredentialSecrets {

    private final SecureRandom random;
    private final Passwords passwords;
    private final KeyHasher hasher;

    CredentialSecrets(SecureRandom random, Passwords passwords, KeyHasher hasher) {
        this.random = random;
        this.passwords = passwords;
        this.hasher = hasher;
    }

    /** A fresh password and x-api-key, with the hashes that are stored. */
    record Pair(String apiPassword, String xApiKey, String passwordHash, String apiKeyHash) {
        @Override
        public String toString() {
            return "Pair[redacted]";
        }
    }

    Pair pair() {
        String password = secret("gwp_");
        String key = secret("gwk_");
        return new Pair(password, key, passwords.hash(password), keyedHash(key));
    }

    /** A new gateway token value. */
    String token() {
        return secret("gwt_");
    }

    /** The stored form of an x-api-key or a token: the kernel's keyed hash in hex. */
    String keyedHash(String secret) {
        return HexFormat.of().formatHex(hasher.hash(secret));
    }

    private String secret(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
