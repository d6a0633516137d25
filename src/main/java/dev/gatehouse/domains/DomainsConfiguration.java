package dev.gatehouse.domains;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.gatehouse.domains.dns.DnsjavaLookup;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.vault.VaultPurpose;

/** Wires Connect Domain from the validated settings. */
@Configuration(proxyBeanMethods = false)
class DomainsConfiguration {

    @Bean
    DnsLookup dnsLookup(Settings settings) {
        Settings.Domains d = settings.domains();
        return new DnsjavaLookup(d.nameservers(), Duration.ofMillis(d.dnsTimeoutMillis()));
    }

    /** Webhook secrets are re-sealed by {@code gatehouse vault rotate}. */
    @Bean
    SealedColumn webhookSecretColumn() {
        return new SealedColumn(VaultPurpose.WEBHOOK_SECRETS, Applications.TABLE, "public_id", "tenant_id",
                "webhook_secret");
    }
}
