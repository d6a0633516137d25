package dev.gatehouse.kernel.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.kernel.cli.CommandUsage;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.vault.VaultPurpose;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/** Declarations that clash are refused at start, naming what clashed. */
class ProductModulesTest {

    /** A product module for tests, built from its parts. */
    record Declared(
            String name,
            List<VaultPurpose> vaultPurposes,
            List<LogComponent> logComponents,
            List<Scope> scopes,
            Set<Scope> operatorScopes)
            implements ProductModule {

        static Declared named(String name) {
            return new Declared(name, List.of(), List.of(), List.of(), Set.of());
        }

        Declared withPurpose(VaultPurpose p) {
            return new Declared(name, List.of(p), logComponents, scopes, operatorScopes);
        }

        Declared withLog(LogComponent c) {
            return new Declared(name, vaultPurposes, List.of(c), scopes, operatorScopes);
        }

        Declared withScopes(Scope... s) {
            return new Declared(name, vaultPurposes, logComponents, List.of(s), operatorScopes);
        }

        Declared withOperatorScopes(Scope... s) {
            return new Declared(name, vaultPurposes, logComponents, scopes, Set.of(s));
        }
    }

    private static void refused(String reason, ProductModule... modules) {
        assertThatThrownBy(() -> ProductModules.of(List.of(modules)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void distinctDeclarationsAreAccepted() {
        ProductModules modules =
                ProductModules.of(
                        List.of(
                                Declared.named("ledger")
                                        .withPurpose(
                                                new VaultPurpose(
                                                        "LEDGER_SECRETS",
                                                        "ledger-secrets",
                                                        VaultPurpose.Ring.APP_KEY))
                                        .withScopes(new Scope("ledger:read")),
                                Declared.named("runs")
                                        .withLog(new LogComponent("Runs", "org.example.runs"))
                                        .withScopes(new Scope("runs:read"), new Scope("runs:start"))
                                        .withOperatorScopes(new Scope("runs:start"))));

        assertThat(modules.all()).extracting(ProductModule::name).containsExactly("ledger", "runs");
        assertThat(modules.vaultPurposes()).hasSize(VaultPurpose.KERNEL.size() + 1);
        assertThat(modules.scopes().operatorScopes()).containsExactly(new Scope("runs:start"));
        assertThat(modules.logComponents())
                .extracting(LogComponent::fileName)
                .containsExactly("Runs.log");
    }

    @Test
    void twoProductsOfOneNameClash() {
        refused("product name ledger", Declared.named("ledger"), Declared.named("ledger"));
        refused("must match", Declared.named("Ledger!"));
    }

    @Test
    void aVaultLabelOrNameTakenByTheKernelOrAnotherProductClashes() {
        refused(
                "vault purpose label user-secrets",
                Declared.named("ledger")
                        .withPurpose(
                                new VaultPurpose(
                                        "LEDGER_SECRETS",
                                        "user-secrets",
                                        VaultPurpose.Ring.APP_KEY)));
        refused(
                "vault purpose name USER_SECRETS",
                Declared.named("ledger")
                        .withPurpose(
                                new VaultPurpose(
                                        "USER_SECRETS",
                                        "ledger-secrets",
                                        VaultPurpose.Ring.APP_KEY)));
    }

    @Test
    void aLogFileOrPackageTakenTwiceOrInsideTheKernelClashes() {
        refused(
                "log file Kernel",
                Declared.named("ledger").withLog(new LogComponent("Kernel", "org.example.ledger")));
        refused(
                "must name a package of its product",
                Declared.named("ledger")
                        .withLog(new LogComponent("Ledger", "dev.gatehouse.kernel.ledger")));
        refused(
                "log package org.example",
                Declared.named("ledger").withLog(new LogComponent("Ledger", "org.example")),
                Declared.named("runs").withLog(new LogComponent("Runs", "org.example")));
    }

    @Test
    void aScopeDeclaredTwiceMalformedOrTakenFromTheKernelClashes() {
        refused("keys:admin", Declared.named("ledger").withScopes(Scope.KEYS_ADMIN));
        refused(
                "ledger:read is declared twice",
                Declared.named("ledger").withScopes(new Scope("ledger:read")),
                Declared.named("runs").withScopes(new Scope("ledger:read")));
        refused("must match", Declared.named("ledger").withScopes(new Scope("LEDGER")));
        refused(
                "operator scope",
                Declared.named("ledger")
                        .withScopes(new Scope("ledger:read"))
                        .withOperatorScopes(new Scope("ledger:admin")));
    }

    @Test
    void aCommandTakingAKernelGroupOrDeclaredTwiceClashesAndMalformedOnesAreRefused() {
        refused("takes a group of the kernel's", commands(new CommandUsage("audit rewrite", "")));
        refused(
                "command ledger close is declared twice",
                commands(new CommandUsage("ledger close", "")),
                commands(new CommandUsage("ledger close", "")));
        assertThatThrownBy(() -> new CommandUsage("ledger", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two lower-case words");
        assertThat(
                        ProductModules.of(List.of(commands(new CommandUsage("ledger close", ""))))
                                .commands())
                .extracting(CommandUsage::group)
                .containsExactly("ledger");
    }

    private static int named;

    private static ProductModule commands(CommandUsage... usages) {
        String name = "cmd" + (named++);
        return new ProductModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<CommandUsage> commands() {
                return List.of(usages);
            }
        };
    }

    @Test
    void theInstalledProductsAreConnectDomainErpAccessThePortalAndSageConnect() {
        assertThat(ProductModules.installed().all())
                .extracting(ProductModule::name)
                .containsExactly("domains", "gateway", "portal", "sync");
    }
}
