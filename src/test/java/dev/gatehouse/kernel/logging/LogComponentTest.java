package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogComponentTest {

    @ParameterizedTest
    @CsvSource({
        "dev.gatehouse.kernel.keys.KeyIssuer, Kernel.log",
        "dev.gatehouse.kernel, Kernel.log",
        "dev.gatehouse.domains.dns.Checker, Domains.log",
        "dev.gatehouse.gateway.policy.Policies, Gateway.log",
        "dev.gatehouse.erpsync.sage.Client, Sync.log",
        "dev.gatehouse.licensing.LicenseClient, Licensing.log",
        "dev.gatehouse.portal.Pages, Portal.log",
        "dev.gatehouse.GatehouseApplication, App.log",
        "dev.gatehouse.kernelish.Thing, App.log",
        "org.springframework.boot.SpringApplication, App.log",
        "ROOT, App.log",
    })
    void loggerNamesMapToTheirComponentFile(String logger, String file) {
        assertThat(LogComponent.of(logger).fileName()).isEqualTo(file);
    }
}
