package dev.gatehouse.domains;

import dev.gatehouse.kernel.config.SettingsSection;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.kernel.redaction.SecretShape;
import dev.gatehouse.kernel.vault.VaultPurpose;

import java.util.List;

/**
 * Connect Domain as the kernel sees it: the switch {@code GATEHOUSE_DOMAINS_ENABLED}, {@link
 * DomainsSettings}, two vault purposes, {@code Domains.log}, the shape of its webhook secrets
 * (masked in logs and audit), and the {@link DomainScopes}. Its per-tenant limit ({@code
 * max_connections}) is contributed as a bean, {@link ConnectionLimits}. Listed in {@code
 * META-INF/services/dev.gatehouse.kernel.product.ProductModule}.
 */
public final class DomainsModule implements ProductModule {

    /**
     * The product's name: {@code GATEHOUSE_DOMAINS_ENABLED}, {@code gatehouse.products.domains}.
     */
    public static final String NAME = "domains";

    /** Webhook signing secrets of applications. Name and label are fixed forever. */
    public static final VaultPurpose WEBHOOK_SECRETS =
            new VaultPurpose("WEBHOOK_SECRETS", "webhook-secrets", VaultPurpose.Ring.APP_KEY);

    /**
     * Delegated DNS provider credentials, on the {@code CREDENTIAL_ENC_KEY} ring. Name and label
     * are fixed forever.
     */
    public static final VaultPurpose DNS_CREDENTIALS =
            new VaultPurpose(
                    "DNS_CREDENTIALS", "dns-credentials", VaultPurpose.Ring.CREDENTIAL_ENC_KEY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingsSection<?>> settings() {
        return List.of(new SettingsSection<>(DomainsSettings.class, DomainsSettings::read));
    }

    @Override
    public List<VaultPurpose> vaultPurposes() {
        return List.of(WEBHOOK_SECRETS, DNS_CREDENTIALS);
    }

    @Override
    public List<LogComponent> logComponents() {
        return List.of(new LogComponent("Domains", "dev.gatehouse.domains"));
    }

    /** The widget's pages are embedded by the applications' own sites (WidgetFilter). */
    @Override
    public List<String> framedPaths() {
        return List.of("/widget/");
    }

    /** Webhook signing secrets ({@code whsec_} and standard base64), masked in logs and audit. */
    @Override
    public List<SecretShape> secretShapes() {
        return List.of(
                SecretShape.prefixed("whsec_", "(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/]{16,}={0,2}"));
    }

    @Override
    public List<Scope> scopes() {
        return DomainScopes.ALL;
    }
}
