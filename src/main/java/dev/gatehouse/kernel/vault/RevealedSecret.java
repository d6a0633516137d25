package dev.gatehouse.kernel.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A decrypted secret, meant to live only as long as one use: open it in try-with-resources, read
 * it, and let {@link #close()} zero its bytes. {@code toString()} prints {@code [redacted]}.
 * Reading after close throws. In the spirit of Keycloak's {@code VaultRawSecret}.
 *
 * <p>Not thread-safe: one secret belongs to one task.
 */
public final class RevealedSecret implements AutoCloseable {

    private final byte[] bytes;
    private boolean closed;

    /** Takes ownership of {@code bytes}: no copy, zeroed on close. */
    RevealedSecret(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** A copy of the secret; the caller should zero it when done. */
    public byte[] bytes() {
        return borrow().clone();
    }

    /**
     * The secret as UTF-8 text. Strings cannot be zeroed; prefer {@link #bytes()} where you can.
     */
    public String asString() {
        return new String(borrow(), StandardCharsets.UTF_8);
    }

    /** The length in bytes. */
    public int length() {
        return borrow().length;
    }

    /** Compares with {@code other} in time independent of where they differ. */
    public boolean contentEquals(byte[] other) {
        return MessageDigest.isEqual(borrow(), other);
    }

    /** The array itself, for the vault's own re-sealing; never handed out of the package. */
    byte[] borrow() {
        if (closed) {
            throw new IllegalStateException("revealed secret already closed");
        }
        return bytes;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Zeroes the bytes; idempotent. */
    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
