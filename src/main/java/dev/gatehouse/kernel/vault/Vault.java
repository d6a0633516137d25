package dev.gatehouse.kernel.vault;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets to their place and opens them again.
 *
 * <p>Design: AES-256-GCM under the purpose's sub-key of the current root key of its ring, a fresh
 * 96-bit nonce from the injected {@link SecureRandom} per value, a 128-bit tag, and associated data
 * that encodes the format version, key id and {@link SecretPlace}. The result names its key id, so
 * values sealed before a rotation still open under the previous keys until {@link VaultRotation}
 * has re-sealed them.
 *
 * <p>Opening returns {@link Opened}: a value that does not open (moved, tampered, retired key,
 * malformed) is an expected outcome and comes back as {@link Opened.Failed}; nothing about the
 * plaintext leaks through it. Exceptions are for bugs and a broken JDK only. Sealing for a purpose
 * whose ring is missing throws {@link MissingVaultKey}; see {@link #canSeal}.
 *
 * <p>Thread-safe if the {@code SecureRandom} is (the JDK's are).
 */
public final class Vault {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = SealedSecret.TAG_BYTES * 8;

    private final VaultKeys keys;
    private final SecureRandom random;

    public Vault(VaultKeys keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * True when {@code purpose} can be sealed; false for a purpose on the {@code
     * CREDENTIAL_ENC_KEY} ring when that key is not configured.
     */
    public boolean canSeal(VaultPurpose purpose) {
        return keys.canSeal(purpose);
    }

    /**
     * Seals {@code plaintext} for {@code place} under the current key of the purpose's ring. The
     * caller keeps ownership of {@code plaintext} and should zero it.
     *
     * @throws MissingVaultKey when the purpose's ring is not configured
     */
    public SealedSecret seal(SecretPlace place, byte[] plaintext) {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(plaintext, "plaintext");
        RootKey key =
                keys.ring(place.purpose())
                        .orElseThrow(() -> new MissingVaultKey(place.purpose()))
                        .current();
        byte[] nonce = new byte[SealedSecret.NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    key.sealKey(place.purpose()),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(place.associatedData(SealedSecret.VERSION, key.id()));
            return new SealedSecret(key.id(), nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** Opens {@code sealed} if it was sealed for exactly {@code place} under a key of the ring. */
    public Opened open(SecretPlace place, SealedSecret sealed) {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(sealed, "sealed");
        Optional<KeyRing> ring = keys.ring(place.purpose());
        if (ring.isEmpty()) {
            return new Opened.Failed(Opened.Failure.NO_KEY_RING);
        }
        Optional<RootKey> key = ring.get().find(sealed.keyId());
        if (key.isEmpty()) {
            return new Opened.Failed(Opened.Failure.UNKNOWN_KEY);
        }
        return decrypt(place, sealed, key.get());
    }

    /** Parses the text form and opens it; a malformed text is {@link Opened.Failure#MALFORMED}. */
    public Opened open(SecretPlace place, String sealedText) {
        Objects.requireNonNull(sealedText, "sealedText");
        return switch (SealedSecret.parse(sealedText)) {
            case SealedSecret.Parsed.Valid(SealedSecret sealed) -> open(place, sealed);
            case SealedSecret.Parsed.Malformed m -> new Opened.Failed(Opened.Failure.MALFORMED);
        };
    }

    /**
     * True when {@code sealed} is under the current key of {@code purpose}'s ring (nothing to
     * rotate).
     */
    public boolean isCurrent(VaultPurpose purpose, SealedSecret sealed) {
        return currentKeyId(purpose).map(sealed.keyId()::equals).orElse(false);
    }

    /**
     * The key id new values of {@code purpose} are sealed under; empty when its ring is missing.
     */
    public Optional<KeyId> currentKeyId(VaultPurpose purpose) {
        return keys.ring(purpose).map(ring -> ring.current().id());
    }

    private Opened decrypt(SecretPlace place, SealedSecret sealed, RootKey key) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key.sealKey(place.purpose()),
                    new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(place.associatedData(SealedSecret.VERSION, key.id()));
            return new Opened.Revealed(new RevealedSecret(cipher.doFinal(sealed.ciphertext())));
        } catch (AEADBadTagException notAuthentic) {
            return new Opened.Failed(Opened.Failure.NOT_AUTHENTIC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }
}
