package dev.gatehouse.kernel.vault;

/**
 * What a sealed value is for. Each purpose has its own sub-key, derived with HKDF-SHA256 from the
 * root key of its ring, so a value sealed for one purpose never opens under another. {@link
 * #DNS_CREDENTIALS} uses the {@code CREDENTIAL_ENC_KEY} ring; every other purpose uses {@code
 * APP_KEY}.
 */
public enum VaultPurpose {

    /** Upstream ERP credentials and cached upstream tokens (ERP Access). */
    UPSTREAM_SECRETS("upstream-secrets", Ring.APP_KEY),
    /** Sync company secrets: portal key and secret, SQL password (SageConnect). */
    SYNC_SECRETS("sync-secrets", Ring.APP_KEY),
    /** Portal users' second-factor (TOTP) secrets. */
    USER_SECRETS("user-secrets", Ring.APP_KEY),
    /** Webhook signing secrets (Connect Domain). */
    WEBHOOK_SECRETS("webhook-secrets", Ring.APP_KEY),
    /** Delegated DNS provider credentials; needs {@code CREDENTIAL_ENC_KEY}. */
    DNS_CREDENTIALS("dns-credentials", Ring.CREDENTIAL_ENC_KEY);

    private final String label;
    private final Ring ring;

    VaultPurpose(String label, Ring ring) {
        this.label = label;
        this.ring = ring;
    }

    /** The HKDF info label of this purpose's sub-key; part of the key schedule, never change it. */
    String label() {
        return label;
    }

    Ring ring() {
        return ring;
    }

    /** The two independent key rings, named after the environment variables that feed them. */
    enum Ring {
        APP_KEY,
        CREDENTIAL_ENC_KEY
    }
}
