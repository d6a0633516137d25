package dev.gatehouse.gateway;

import dev.gatehouse.kernel.config.SettingsSection;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.kernel.redaction.SecretShape;
import dev.gatehouse.kernel.vault.VaultPurpose;

import java.util.List;
import java.util.Map;

/**
 * ERP Access as the kernel sees it: the switch {@code GATEHOUSE_GATEWAY_ENABLED}, {@link
 * GatewaySettings}, the vault purpose of upstream secrets and cached upstream sessions, {@code
 * Gateway.log}, the shapes of its secrets (masked in every log line and audit detail) and the
 * {@link GatewayScopes}. Listed in {@code
 * META-INF/services/dev.gatehouse.kernel.product.ProductModule}.
 */
public final class GatewayModule implements ProductModule {

    /**
     * The product's name: {@code GATEHOUSE_GATEWAY_ENABLED}, {@code gatehouse.products.gateway}.
     */
    public static final String NAME = "gateway";

    /** Where the relay answers: {@code ANY /gateway/v1/erp/{path…}}. */
    public static final String RELAY_PATH = "/gateway/v1/erp/";

    /**
     * Upstream credentials (basic and header values, session passwords and API keys) and the cached
     * upstream session token, on the {@code APP_KEY} ring. Name and label are fixed forever.
     */
    public static final VaultPurpose UPSTREAM_SECRETS =
            new VaultPurpose(
                    "GATEWAY_UPSTREAM_SECRETS",
                    "gateway-upstream-secrets",
                    VaultPurpose.Ring.APP_KEY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingsSection<?>> settings() {
        return List.of(new SettingsSection<>(GatewaySettings.class, GatewaySettings::read));
    }

    @Override
    public List<VaultPurpose> vaultPurposes() {
        return List.of(UPSTREAM_SECRETS);
    }

    @Override
    public List<LogComponent> logComponents() {
        return List.of(new LogComponent("Gateway", "dev.gatehouse.gateway"));
    }

    /** The relay streams request bodies within each upstream's own {@code max_request_bytes}. */
    @Override
    public List<String> selfLimitedBodyPaths() {
        return List.of(RELAY_PATH);
    }

    /**
     * An imported OpenAPI document may be up to 5 MiB of text, which JSON escaping can double; the
     * import checks the document's own size.
     */
    @Override
    public Map<String, Long> largerBodyLimits() {
        return Map.of("/v1/gateway/endpoints:import", 12L << 20);
    }

    /**
     * Gateway tokens ({@code gwt_}), API passwords ({@code gwp_}) and x-api-keys ({@code gwk_}),
     * masked in logs and audit wherever they appear.
     */
    @Override
    public List<SecretShape> secretShapes() {
        return List.of(
                SecretShape.prefixed("gwt_", "(?<![A-Za-z0-9])gwt_[A-Za-z0-9_-]{16,}"),
                SecretShape.prefixed("gwp_", "(?<![A-Za-z0-9])gwp_[A-Za-z0-9_-]{16,}"),
                SecretShape.prefixed("gwk_", "(?<![A-Za-z0-9])gwk_[A-Za-z0-9_-]{16,}"));
    }

    @Override
    public List<Scope> scopes() {
        return GatewayScopes.ALL;
    }
}
