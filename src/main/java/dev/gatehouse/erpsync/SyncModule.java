package dev.gatehouse.erpsync;

import dev.gatehouse.erpsync.company.SyncCommands;
import dev.gatehouse.kernel.cli.CommandUsage;
import dev.gatehouse.kernel.config.SettingsSection;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.kernel.redaction.SecretShape;
import dev.gatehouse.kernel.vault.VaultPurpose;
import dev.gatehouse.licensing.LicenseCommands;
import dev.gatehouse.licensing.LicensingSettings;

import java.util.List;

/**
 * SageConnect as the kernel sees it: the switch {@code GATEHOUSE_SYNC_ENABLED}, the license's and
 * the sync's settings ({@link LicensingSettings}, {@link SyncSettings}), the vault purpose of
 * company secrets, a log file per component ({@code License.log}, {@code Sync-Payments.log}, …),
 * the {@link SyncScopes}, the license server's commands and the shape of its keys. Listed in {@code
 * META-INF/services/dev.gatehouse.kernel.product.ProductModule}.
 */
public final class SyncModule implements ProductModule {

    /** The product's name: {@code GATEHOUSE_SYNC_ENABLED}, {@code gatehouse.products.sync}. */
    public static final String NAME = "sync";

    /**
     * A company's portal key and secret and its SQL Server password, on the {@code APP_KEY} ring.
     * Name and label are fixed forever.
     */
    public static final VaultPurpose COMPANY_SECRETS =
            new VaultPurpose(
                    "SYNC_COMPANY_SECRETS", "sync-company-secrets", VaultPurpose.Ring.APP_KEY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingsSection<?>> settings() {
        return List.of(LicensingSettings.SECTION, SyncSettings.SECTION);
    }

    @Override
    public List<VaultPurpose> vaultPurposes() {
        return List.of(COMPANY_SECRETS);
    }

    /**
     * The sync's own log components, whose lines a tenant may read about its companies ({@code GET
     * /v1/sync/logs}); the license's are the installation's.
     */
    public static final List<LogComponent> SYNC_LOGS =
            List.of(
                    new LogComponent("Sync", "dev.gatehouse.erpsync"),
                    new LogComponent("Sync-Cycle", "dev.gatehouse.erpsync.cycle"),
                    new LogComponent("Sync-Portal", "dev.gatehouse.erpsync.portal"),
                    new LogComponent("Sync-Payments", "dev.gatehouse.erpsync.payments"),
                    new LogComponent("Sync-PurchaseOrders", "dev.gatehouse.erpsync.orders"),
                    new LogComponent("Sync-Documents", "dev.gatehouse.erpsync.documents"),
                    new LogComponent("Sync-Importer", "dev.gatehouse.erpsync.importer"));

    @Override
    public List<LogComponent> logComponents() {
        List<LogComponent> all = new java.util.ArrayList<>();
        all.add(new LogComponent("License", "dev.gatehouse.licensing"));
        all.addAll(SYNC_LOGS);
        return List.copyOf(all);
    }

    @Override
    public List<Scope> scopes() {
        return SyncScopes.ALL;
    }

    /**
     * The license server's {@code gatehouse license issue|revoke|list} and {@code gatehouse sync
     * import-env}.
     */
    @Override
    public List<CommandUsage> commands() {
        return java.util.stream.Stream.concat(
                        LicenseCommands.USAGE.stream(), SyncCommands.USAGE.stream())
                .toList();
    }

    /** License keys the built-in license server issues ({@code sck_}), masked everywhere. */
    @Override
    public List<SecretShape> secretShapes() {
        return List.of(SecretShape.prefixed("sck_", "(?<![A-Za-z0-9])sck_[A-Za-z0-9_-]{16,}"));
    }
}
