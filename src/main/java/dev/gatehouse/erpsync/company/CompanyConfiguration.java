package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.SyncModule;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.vault.Vault;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires the companies when SageConnect is on; their secrets always take part in vault rotation. */
@Configuration(proxyBeanMethods = false)
class CompanyConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
    CompanyAdministration companyAdministration(
            Companies companies,
            Vault vault,
            Settings settings,
            ClusterInvalidations cluster,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock,
            ApplicationEventPublisher events) {
        SyncSettings sync = settings.section(SyncSettings.class);
        return new CompanyAdministration(
                companies,
                new CompanyRequests(sync, settings.production()),
                new CompanyVault(vault),
                sync,
                cluster,
                audit,
                tx,
                ids,
                clock,
                events);
    }

    /**
     * Company secrets are re-sealed by {@code gatehouse vault rotate}, also while the product is
     * switched off.
     */
    @Bean
    SealedColumn syncCompanySecretsColumn() {
        return new SealedColumn(
                SyncModule.COMPANY_SECRETS,
                Companies.TABLE,
                "public_id",
                "tenant_id",
                Companies.SECRETS_COLUMN);
    }
}
