package dev.gatehouse.kernel.vault;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 32-byte root key of a ring, with its id and the AES sub-keys of the purposes on that ring,
 * derived once at construction. Holds key material: never printed, never leaves the package.
 */
final class RootKey {

    static final int LENGTH = 32;
    private static final byte[] KEY_ID_LABEL = bytes("gatehouse/vault/key-id/v1");
    private static final byte[] SALT = bytes("gatehouse/vault/v1");

    private final KeyId id;
    private final byte[] material;
    private final Map<VaultPurpose, SecretKey> sealKeys = new EnumMap<>(VaultPurpose.class);

    RootKey(String name, byte[] material, VaultPurpose.Ring ring) {
        Objects.requireNonNull(material, name);
        if (material.length != LENGTH) {
            throw new IllegalArgumentException(
                    name + " must be " + LENGTH + " bytes, was " + material.length);
        }
        this.material = material.clone();
        this.id = keyIdOf(this.material);
        for (VaultPurpose purpose : VaultPurpose.values()) {
            if (purpose.ring() == ring) {
                byte[] key = derive("gatehouse/vault/seal/" + purpose.label(), LENGTH);
                sealKeys.put(purpose, new SecretKeySpec(key, "AES"));
            }
        }
    }

    KeyId id() {
        return id;
    }

    /** The AES-256 key that seals values of {@code purpose} under this root key. */
    SecretKey sealKey(VaultPurpose purpose) {
        SecretKey key = sealKeys.get(purpose);
        if (key == null) {
            throw new IllegalArgumentException(purpose + " is not sealed by the ring of key " + id);
        }
        return key;
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
