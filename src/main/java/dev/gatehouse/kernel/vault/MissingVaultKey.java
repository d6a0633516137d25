package dev.gatehouse.kernel.vault;

/**
 * Thrown by {@link Vault#seal} when the key ring of the purpose is not configured (a purpose on
 * {@code CREDENTIAL_ENC_KEY} without that key). It is a bug, not an outcome: production refuses to
 * start without the key, and callers that accept such secrets check {@link Vault#canSeal} first and
 * refuse the request.
 */
public final class MissingVaultKey extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    MissingVaultKey(VaultPurpose purpose) {
        super("cannot seal " + purpose + ": its key (" + purpose.ring() + ") is not configured");
    }
}
