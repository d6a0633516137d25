package dev.gatehouse.kernel.vault;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a root key without revealing it: the first 8 bytes of {@code HMAC-SHA256(key, label)} as 16
 * lowercase hex characters. Stored in every sealed value, so the vault knows which key opens it and
 * rotation knows which values are old. Not secret.
 *
 * @param value 16 lowercase hex characters
 */
public record KeyId(String value) {

    static final int LENGTH = 16;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");

    public KeyId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "key id must be 16 lowercase hex characters, was \"" + value + "\"");
        }
    }

    /** True when {@code text} has the shape of a key id. */
    static boolean isWellFormed(String text) {
        return FORMAT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
