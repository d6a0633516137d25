package dev.gatehouse.domains.dns;

import dev.gatehouse.domains.DomainsModule;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.vault.SealedColumn;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires delegated DNS: the providers, and the sealed secret column for key rotation. */
@Configuration(proxyBeanMethods = false)
class DelegatedDnsConfiguration {

    @Bean
    DnsProviders dnsProviders(Settings settings) {
        return new DnsProviders(settings.production());
    }

    /** DNS credential secrets are re-sealed by {@code gatehouse vault rotate}. */
    @Bean
    SealedColumn dnsCredentialSecretColumn() {
        return new SealedColumn(
                DomainsModule.DNS_CREDENTIALS,
                DnsCredentials.TABLE,
                "public_id",
                "tenant_id",
                DnsCredentials.SECRET_COLUMN);
    }
}
