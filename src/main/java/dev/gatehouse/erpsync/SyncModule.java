package dev.gatehouse.erpsync;

import dev.gatehouse.kernel.config.SettingsSection;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.licensing.LicensingSettings;

import java.util.List;

/**
 * SageConnect as the kernel sees it: the switch {@code GATEHOUSE_SYNC_ENABLED}, the license's
 * settings ({@link LicensingSettings}), {@code License.log} and the {@link SyncScopes}. Listed in
 * {@code META-INF/services/dev.gatehouse.kernel.product.ProductModule}.
 */
public final class SyncModule implements ProductModule {

    /** The product's name: {@code GATEHOUSE_SYNC_ENABLED}, {@code gatehouse.products.sync}. */
    public static final String NAME = "sync";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingsSection<?>> settings() {
        return List.of(LicensingSettings.SECTION);
    }

    @Override
    public List<LogComponent> logComponents() {
        return List.of(new LogComponent("License", "dev.gatehouse.licensing"));
    }

    @Override
    public List<Scope> scopes() {
        return SyncScopes.ALL;
    }
}
