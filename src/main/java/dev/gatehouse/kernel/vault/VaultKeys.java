package dev.gatehouse.kernel.vault;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The vault's root keys, built by the configuration layer from the decoded environment: the current
 * {@code APP_KEY} with its previous values, and optionally {@code CREDENTIAL_ENC_KEY} with its
 * previous values. The two rings are independent; a purpose on the second ring cannot be sealed
 * without it.
 *
 * <p><b>Keyed hashes.</b> {@link #derive(String, int)} gives a key derived from the
 * <em>current</em> {@code APP_KEY}, for keyed hashes such as the API-key hasher. Unlike sealed
 * values, a keyed hash cannot be re-computed by rotation (the input is gone), so rotating {@code
 * APP_KEY} silently breaks every stored hash. Callers must store {@link #appKeyId()} next to each
 * hash and verify old hashes with {@link #derive(KeyId, String, int)} while the old key is still
 * listed as previous.
 *
 * <p>The input arrays are copied; callers may zero theirs afterwards. Immutable and thread-safe;
 * {@code toString()} prints key ids only.
 */
public final class VaultKeys {

    private final KeyRing app;
    private final @Nullable KeyRing credential;

    private VaultKeys(KeyRing app, @Nullable KeyRing credential) {
        this.app = app;
        this.credential = credential;
    }

    /**
     * Builds the rings.
     *
     * @param appKey the current {@code APP_KEY}, 32 bytes
     * @param previousAppKeys earlier {@code APP_KEY}s that must still open old values
     * @param credentialEncKey the current {@code CREDENTIAL_ENC_KEY}, 32 bytes, or null
     * @param previousCredentialEncKeys earlier {@code CREDENTIAL_ENC_KEY}s; empty when the key is
     *     null
     * @throws IllegalArgumentException when a key is not 32 bytes, when previous credential keys
     *     come without a current one, or when both rings share a key
     */
    public static VaultKeys of(
            byte[] appKey,
            List<byte[]> previousAppKeys,
            byte @Nullable [] credentialEncKey,
            List<byte[]> previousCredentialEncKeys) {
        Objects.requireNonNull(previousAppKeys, "previousAppKeys");
        Objects.requireNonNull(previousCredentialEncKeys, "previousCredentialEncKeys");
        KeyRing app = new KeyRing("APP_KEY", appKey, previousAppKeys, VaultPurpose.Ring.APP_KEY);
        if (credentialEncKey == null) {
            if (!previousCredentialEncKeys.isEmpty()) {
                throw new IllegalArgumentException(
                        "previous CREDENTIAL_ENC_KEY values need a current CREDENTIAL_ENC_KEY");
            }
            return new VaultKeys(app, null);
        }
        KeyRing credential =
                new KeyRing(
                        "CREDENTIAL_ENC_KEY",
                        credentialEncKey,
                        previousCredentialEncKeys,
                        VaultPurpose.Ring.CREDENTIAL_ENC_KEY);
        for (KeyId id : credential.ids()) {
            if (app.contains(id)) {
                throw new IllegalArgumentException(
                        "CREDENTIAL_ENC_KEY must differ from every APP_KEY, key "
                                + id
                                + " is in both");
            }
        }
        return new VaultKeys(app, credential);
    }

    /** Only an {@code APP_KEY}, no previous keys, no {@code CREDENTIAL_ENC_KEY}. */
    public static VaultKeys of(byte[] appKey) {
        return of(appKey, List.of(), null, List.of());
    }

    /** The id of the current {@code APP_KEY}. */
    public KeyId appKeyId() {
        return app.current().id();
    }

    /** The id of the current {@code CREDENTIAL_ENC_KEY}, empty when none is configured. */
    public Optional<KeyId> credentialKeyId() {
        return Optional.ofNullable(credential).map(ring -> ring.current().id());
    }

    /** True when values of {@code purpose} can be sealed: its ring is configured. */
    public boolean canSeal(VaultPurpose purpose) {
        return ring(purpose).isPresent();
    }

    /**
     * Derives {@code length} bytes from the current {@code APP_KEY} under {@code info}
     * (HKDF-SHA256), for keyed hashes. See the class note: such keys change when {@code APP_KEY}
     * rotates.
     *
     * @param info what the key is for, e.g. {@code "api-key-hash"}; not blank
     * @param length between 16 and 64
     */
    public byte[] derive(String info, int length) {
        checkDerivation(info, length);
        return app.current().derive("gatehouse/vault/derive/" + info, length);
    }

    /**
     * Like {@link #derive(String, int)} but from the {@code APP_KEY} named {@code appKeyId},
     * current or previous; empty when that key is not configured (any more).
     */
    public Optional<byte[]> derive(KeyId appKeyId, String info, int length) {
        Objects.requireNonNull(appKeyId, "appKeyId");
        checkDerivation(info, length);
        return app.find(appKeyId).map(key -> key.derive("gatehouse/vault/derive/" + info, length));
    }

    /**
     * Derives from the current {@code APP_KEY} and then from each previous one, in that order: lets
     * a keyed hash made before a rotation still be recognised (and re-made under the current key).
     */
    public List<byte[]> deriveFromEach(String info, int length) {
        checkDerivation(info, length);
        KeyId current = appKeyId();
        java.util.ArrayList<byte[]> out = new java.util.ArrayList<>();
        out.add(derive(info, length));
        app.ids().stream()
                .filter(id -> !id.equals(current))
                .forEach(
                        id ->
                                out.add(
                                        app.find(id)
                                                .orElseThrow()
                                                .derive("gatehouse/vault/derive/" + info, length)));
        return out;
    }

    /** The ring that seals {@code purpose}, empty when it is not configured. */
    Optional<KeyRing> ring(VaultPurpose purpose) {
        return switch (purpose.ring()) {
            case APP_KEY -> Optional.of(app);
            case CREDENTIAL_ENC_KEY -> Optional.ofNullable(credential);
        };
    }

    private static void checkDerivation(String info, int length) {
        Objects.requireNonNull(info, "info");
        if (info.isBlank()) {
            throw new IllegalArgumentException("derivation info must not be blank");
        }
        if (length < 16 || length > 64) {
            throw new IllegalArgumentException(
                    "derived key length must be between 16 and 64 bytes, was " + length);
        }
    }

    @Override
    public String toString() {
        return "VaultKeys[APP_KEY="
                + app.ids()
                + ", CREDENTIAL_ENC_KEY="
                + (credential == null ? "none" : credential.ids())
                + "]";
    }
}
