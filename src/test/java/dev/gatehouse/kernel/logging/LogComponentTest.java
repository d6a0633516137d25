package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.kernel.product.ProductModules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class LogComponentTest {

    /** Components as two products would declare them, one nested in the other's package. */
    private static final LogComponents COMPONENTS =
            LogComponents.of(
                    List.of(
                            new LogComponent("Ledger", "org.example.ledger"),
                            new LogComponent("LedgerSync", "org.example.ledger.sync")));

    @ParameterizedTest
    @CsvSource({
        "dev.gatehouse.kernel.keys.KeyIssuer, Kernel.log",
        "dev.gatehouse.kernel, Kernel.log",
        "org.example.ledger.Books, Ledger.log",
        "org.example.ledger, Ledger.log",
        "org.example.ledger.sync.Cycle, LedgerSync.log",
        "org.example.ledgerish.Thing, App.log",
        "dev.gatehouse.GatehouseApplication, App.log",
        "dev.gatehouse.kernelish.Thing, App.log",
        "org.springframework.boot.SpringApplication, App.log",
        "ROOT, App.log",
    })
    void loggerNamesMapToTheirComponentFileByTheLongestPackage(String logger, String file) {
        assertThat(COMPONENTS.of(logger).fileName()).isEqualTo(file);
    }

    @Test
    void theInstalledProductsBringTheirOwnFiles() {
        LogComponents installed = LogComponents.of(ProductModules.installed().logComponents());

        assertThat(installed.of("dev.gatehouse.domains.dns.Checker").fileName())
                .isEqualTo("Domains.log");
        assertThat(installed.of("dev.gatehouse.gateway.relay.Relay").fileName())
                .isEqualTo("Gateway.log");
        assertThat(installed.of("dev.gatehouse.portal.Pages").fileName()).isEqualTo("Portal.log");
        assertThat(installed.of("dev.gatehouse.licensing.License").fileName())
                .isEqualTo("License.log");
        assertThat(installed.of("dev.gatehouse.erpsync.payments.PaymentUpload").fileName())
                .isEqualTo("Sync-Payments.log");
        assertThat(installed.of("dev.gatehouse.erpsync.SyncModule").fileName())
                .isEqualTo("Sync.log");
        assertThat(installed.size()).isEqualTo(13);
    }

    @Test
    void aComponentNeedsAFileStemAndAPackageName() {
        assertThatThrownBy(() -> new LogComponent("../etc", "org.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogComponent("Ledger", "org/example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogComponent("Sync-", "org.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogComponent("Sync--Payments", "org.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogComponent("A".repeat(33), "org.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
