package dev.gatehouse.kernel.vault;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 32-byte root key of a ring, with its id and the AES sub-keys of the purposes on that ring,
 * each derived on first use and kept (purposes are a closed set declared at start, so the cache is
 * bounded). Holds key material: never printed, never leaves the package. Thread-safe.
 */
final class RootKey {

    static final int LENGTH = 32;
    private static final byte[] KEY_ID_LABEL = bytes("gatehouse/vault/key-id/v1");
    private static final byte[] SALT = bytes("gatehouse/vault/v1");

    private final KeyId id;
    private final byte[] material;
    private final VaultPurpose.Ring ring;
    private final Map<String, SecretKey> sealKeys = new ConcurrentHashMap<>();

    RootKey(String name, byte[] material, VaultPurpose.Ring ring) {
        Objects.requireNonNull(material, name);
        if (material.length != LENGTH) {
            throw new IllegalArgumentException(
                    name + " must be " + LENGTH + " bytes, was " + material.length);
        }
        this.material = material.clone();
        this.id = keyIdOf(this.material);
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    KeyId id() {
        return id;
    }

    /** The AES-256 key that seals values of {@code purpose} under this root key. */
    SecretKey sealKey(VaultPurpose purpose) {
        if (purpose.ring() != ring) {
            throw new IllegalArgumentException(purpose + " is not sealed by the ring of key " + id);
        }
        return sealKeys.computeIfAbsent(
                purpose.label(),
                label -> new SecretKeySpec(derive("gatehouse/vault/seal/" + label, LENGTH), "AES"));
    }

    /** HKDF-SHA256 from this root key under a fixed salt and {@code info}. */
    byte[] derive(String info, int length) {
        return Hkdf.derive(SALT, material, bytes(info), length);
    }

    private static KeyId keyIdOf(byte[] material) {
        byte[] mac = Hkdf.hmac(material).doFinal(KEY_ID_LABEL);
        return new KeyId(HexFormat.of().formatHex(mac, 0, KeyId.LENGTH / 2));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RootKey[" + id + ", [redacted]]";
    }
}
