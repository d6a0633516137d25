package dev.gatehouse.domains;

import dev.gatehouse.domains.dns.DnsjavaLookup;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.SwitchedOffRoutes;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

/** Wires Connect Domain from the validated settings. */
@Configuration(proxyBeanMethods = false)
class DomainsConfiguration {

    @Bean
    DnsLookup dnsLookup(Settings settings) {
        DomainsSettings d = settings.section(DomainsSettings.class);
        return new DnsjavaLookup(d.nameservers(), Duration.ofMillis(d.dnsTimeoutMillis()));
    }

    /**
     * Connect Domain switched off: its routes answer 404 (its workers do not run, see their
     * conditions).
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "gatehouse.products.domains", havingValue = false)
    FilterRegistrationBean<SwitchedOffRoutes> domainsSwitchedOff(ProblemRenderer problems) {
        return SwitchedOffRoutes.register(
                List.of(
                        "/v1/applications",
                        "/v1/dns-credentials",
                        "/v1/webhook-deliveries",
                        "/v1/usage",
                        "/widget/",
                        "/portal/domains"),
                "Connect Domain is switched off on this installation.",
                problems);
    }

    /** Webhook secrets are re-sealed by {@code gatehouse vault rotate}. */
    @Bean
    SealedColumn webhookSecretColumn() {
        return new SealedColumn(
                DomainsModule.WEBHOOK_SECRETS,
                Applications.TABLE,
                "public_id",
                "tenant_id",
                "webhook_secret");
    }
}
