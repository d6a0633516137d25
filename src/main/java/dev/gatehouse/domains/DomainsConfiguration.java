package dev.gatehouse.domains;

import dev.gatehouse.domains.dns.DnsjavaLookup;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.WebHygieneConfiguration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

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
    FilterRegistrationBean<ProductSwitch> domainsSwitchedOff(ProblemRenderer problems) {
        FilterRegistrationBean<ProductSwitch> bean =
                new FilterRegistrationBean<>(new ProductSwitch(problems));
        bean.setOrder(WebHygieneConfiguration.BODY_LIMIT_ORDER + 1);
        return bean;
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
