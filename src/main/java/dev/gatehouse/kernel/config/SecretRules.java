package dev.gatehouse.kernel.config;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and judges the three root secrets. In production a secret that is missing, too short, not
 * valid base64 where base64 is required, made of one repeated byte, shared between two purposes, or
 * equal to a development or documented example value is refused. Problems name the setting and
 * never quote its value.
 */
final class SecretRules {

    /** Values that appear in our documentation as examples; never acceptable in production. */
    static final Set<String> DOCUMENTED_EXAMPLES =
            Set.of(
                    "base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                    "change-me-to-at-least-32-random-bytes-please",
                    "changeme",
                    "change-me",
                    "secret",
                    "example");

    static final int KEY_BYTES = 32;
    static final int MIN_HMAC_BYTES = 32;

    private final RawSettings raw;
    private final boolean production;
    private final Map<String, String> devValues;

    SecretRules(RawSettings raw, Settings.Mode mode, Map<String, String> devValues) {
        this.raw = raw;
        this.production = mode == Settings.Mode.PRODUCTION;
        this.devValues = devValues;
    }

    RootSecrets read() {
        byte[] appKey =
                java.util.Objects.requireNonNullElseGet(
                        key("APP_KEY", true), () -> new byte[KEY_BYTES]);
        byte @Nullable [] credentialKey = key("CREDENTIAL_ENC_KEY", production);
        byte[] hmac = hmacSecret();
        List<byte[]> previousApp = previousKeys("APP_KEY_PREVIOUS");
        List<byte[]> previousCredential = previousKeys("CREDENTIAL_ENC_KEY_PREVIOUS");
        boolean bothValid =
                raw.problems().stream()
                        .noneMatch(
                                p ->
                                        p.name().equals("APP_KEY")
                                                || p.name().equals("CREDENTIAL_ENC_KEY"));
        if (production
                && bothValid
                && credentialKey != null
                && Arrays.equals(appKey, credentialKey)) {
            raw.problem(
                    "CREDENTIAL_ENC_KEY",
                    "must differ from APP_KEY: each secret protects something else");
        }
        return new RootSecrets(appKey, previousApp, credentialKey, previousCredential, hmac);
    }

    private byte @Nullable [] key(String name, boolean required) {
        Optional<String> value = raw.optional(name);
        if (value.isEmpty()) {
            if (required) {
                raw.problem(
                        name, "is required: base64 of 32 random bytes (openssl rand -base64 32)");
            }
            return null;
        }
        byte @Nullable [] decoded = decodeKey(value.get());
        if (decoded == null) {
            raw.problem(name, "must be base64 of exactly 32 bytes (openssl rand -base64 32)");
            return new byte[KEY_BYTES];
        }
        judge(name, value.get(), decoded);
        return decoded;
    }

    private byte[] hmacSecret() {
        String name = "TOKEN_HMAC_SECRET";
        Optional<String> value = raw.optional(name);
        if (value.isEmpty()) {
            raw.problem(name, "is required: at least 32 bytes (openssl rand -base64 32)");
            return new byte[MIN_HMAC_BYTES];
        }
        byte[] bytes = value.get().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_HMAC_BYTES) {
            raw.problem(name, "must be at least 32 bytes long, was " + bytes.length);
            return bytes;
        }
        judge(name, value.get(), bytes);
        return bytes;
    }

    private List<byte[]> previousKeys(String name) {
        List<byte[]> keys = new ArrayList<>();
        for (String entry : raw.list(name)) {
            byte @Nullable [] decoded = decodeKey(entry);
            if (decoded == null) {
                raw.problem(name, "every entry must be base64 of exactly 32 bytes");
            } else {
                keys.add(decoded);
            }
        }
        return keys;
    }

    private void judge(String name, String value, byte[] bytes) {
        if (!production) {
            return;
        }
        if (isOneRepeatedByte(bytes)) {
            raw.problem(name, "is weak: every byte is the same");
        } else if (DOCUMENTED_EXAMPLES.contains(value)) {
            raw.problem(
                    name,
                    "is a documented example value; generate your own (openssl rand -base64 32)");
        } else if (value.equals(devValues.get(name))) {
            raw.problem(
                    name,
                    "is the generated development value from dev-secrets.env; generate a new one"
                            + " for production");
        }
    }

    static byte @Nullable [] decodeKey(String value) {
        String v = value.startsWith("base64:") ? value.substring("base64:".length()) : value;
        try {
            byte[] decoded =
                    v.contains("-") || v.contains("_")
                            ? Base64.getUrlDecoder().decode(v)
                            : Base64.getDecoder().decode(v);
            return decoded.length == KEY_BYTES ? decoded : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isOneRepeatedByte(byte[] bytes) {
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return false;
            }
        }
        return true;
    }
}
