package dev.gatehouse.kernel.vault;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A sealed value as stored in a {@code text} column: {@code v1.<keyId>.<base64url(nonce ‖
 * ciphertext ‖ tag)>}, unpadded base64url. Not secret: it reveals the key id and the length of the
 * plaintext only.
 *
 * <p>A final class rather than a record because it holds arrays; equality is by content. Immutable
 * and thread-safe.
 */
public final class SealedSecret {

    /** The only format version so far. */
    public static final int VERSION = 1;

    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int MAX_TEXT = 65_536;
    private static final String PREFIX = "v" + VERSION;

    private final KeyId keyId;
    private final byte[] nonce;
    private final byte[] ciphertext;

    SealedSecret(KeyId keyId, byte[] nonce, byte[] ciphertext) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException(
                    "nonce must be " + NONCE_BYTES + " bytes, was " + nonce.length);
        }
        if (ciphertext.length < TAG_BYTES) {
            throw new IllegalArgumentException(
                    "ciphertext must hold at least the "
                            + TAG_BYTES
                            + "-byte tag, was "
                            + ciphertext.length);
        }
        this.nonce = nonce.clone();
        this.ciphertext = ciphertext.clone();
    }

    /**
     * Reads the text form strictly: exactly three dot-separated parts, version {@code v1}, a 16-hex
     * key id, canonical unpadded base64url of at least nonce and tag. Never throws for bad input.
     */
    public static Parsed parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT) {
            return new Parsed.Malformed("sealed value is longer than " + MAX_TEXT + " characters");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            return new Parsed.Malformed(
                    "sealed value must have 3 dot-separated parts, had " + parts.length);
        }
        if (!PREFIX.equals(parts[0])) {
            return new Parsed.Malformed("unsupported sealed value version");
        }
        if (!KeyId.isWellFormed(parts[1])) {
            return new Parsed.Malformed("key id must be 16 lowercase hex characters");
        }
        byte[] payload = decode(parts[2]);
        if (payload == null) {
            return new Parsed.Malformed("payload is not canonical unpadded base64url");
        }
        if (payload.length < NONCE_BYTES + TAG_BYTES) {
            return new Parsed.Malformed("payload is shorter than nonce and tag");
        }
        byte[] nonce = Arrays.copyOfRange(payload, 0, NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(payload, NONCE_BYTES, payload.length);
        return new Parsed.Valid(new SealedSecret(new KeyId(parts[1]), nonce, ciphertext));
    }

    private static byte @org.jspecify.annotations.Nullable [] decode(String text) {
        if (text.isEmpty() || text.indexOf('=') >= 0) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        boolean canonical =
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text);
        return canonical ? bytes : null;
    }

    /** The prefix every value sealed under {@code keyId} in the current format starts with. */
    static String prefix(KeyId keyId) {
        return PREFIX + "." + keyId.value() + ".";
    }

    public KeyId keyId() {
        return keyId;
    }

    byte[] nonce() {
        return nonce.clone();
    }

    byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The text form, for a {@code text} column. */
    public String text() {
        byte[] payload = new byte[nonce.length + ciphertext.length];
        System.arraycopy(nonce, 0, payload, 0, nonce.length);
        System.arraycopy(ciphertext, 0, payload, nonce.length, ciphertext.length);
        return prefix(keyId) + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedSecret that
                && keyId.equals(that.keyId)
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(nonce);
    }

    /** The text form; a ciphertext is safe to print. */
    @Override
    public String toString() {
        return text();
    }

    /** The outcome of {@link #parse(String)}. */
    public sealed interface Parsed {

        /** Well-formed; whether it opens is for the vault to say. */
        record Valid(SealedSecret sealed) implements Parsed {}

        /** Not a sealed value; {@code reason} names the broken rule and never echoes the input. */
        record Malformed(String reason) implements Parsed {}
    }
}
