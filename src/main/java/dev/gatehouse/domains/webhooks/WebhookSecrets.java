package dev.gatehouse.domains.webhooks;

import dev.gatehouse.domains.DomainsModule;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.SecretPlace;
import dev.gatehouse.kernel.vault.Vault;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An application's webhook secret: made, sealed into {@code domain_applications.webhook_secret},
 * and opened again when a delivery is signed.
 *
 * <p>A secret is {@code whsec_} and the standard base64 (with padding) of 32 random bytes, as
 * Standard Webhooks defines it. The sealed plaintext is the UTF-8 of that whole string, bound to
 * the tenant and the application's public id, so a sealed value copied to another row or tenant
 * does not open. Thread-safe.
 */
@Component
public final class WebhookSecrets {

    static final int KEY_BYTES = 32;
    private static final String TABLE = "domain_applications";
    private static final String COLUMN = "webhook_secret";

    private final SecureRandom random;
    private final Vault vault;

    WebhookSecrets(SecureRandom random, Vault vault) {
        this.random = random;
        this.vault = vault;
    }

    /** A new secret, to be shown once to the tenant and then only kept sealed. */
    public String generate() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            return WebhookSigner.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The text to store in {@code webhook_secret} for application {@code applicationPublicId}. */
    public String seal(TenantId tenant, String applicationPublicId, String secret) {
        byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
        try {
            return vault.seal(place(tenant, applicationPublicId), plain).text();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens a stored secret. The caller closes the revealed secret once it has signed; a value that
     * does not open (moved, tampered, retired key) is {@link Opened.Failed}.
     */
    public Opened open(TenantId tenant, String applicationPublicId, String sealedText) {
        return vault.open(place(tenant, applicationPublicId), sealedText);
    }

    private static SecretPlace place(TenantId tenant, String applicationPublicId) {
        return new SecretPlace(
                DomainsModule.WEBHOOK_SECRETS, tenant, TABLE, COLUMN, applicationPublicId);
    }
}
