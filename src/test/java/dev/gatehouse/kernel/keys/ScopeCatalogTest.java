package dev.gatehouse.kernel.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

/**
 * Scopes stored with keys are kept whatever is installed; only declared ones grant anything, and an
 * undeclared one grants as soon as a product declares it.
 */
class ScopeCatalogTest {

    static final Scope LEDGER_READ = new Scope("ledger:read");
    static final Scope LEDGER_ADMIN = new Scope("ledger:admin");

    @Test
    void aStoredScopeNoProductDeclaresGrantsNothing() {
        ScopeCatalog kernelOnly = ScopeCatalog.kernelOnly();

        assertThat(kernelOnly.effective(List.of(LEDGER_ADMIN, Scope.KEYS_ADMIN)))
                .containsExactly(Scope.KEYS_ADMIN);
        assertThat(kernelOnly.find("ledger:admin")).isEmpty();
    }

    @Test
    void theSameStoredScopeGrantsOnceAProductDeclaresItWithItsImpliedRead() {
        ScopeCatalog withLedger = ScopeCatalog.of(List.of(LEDGER_READ, LEDGER_ADMIN), Set.of());

        assertThat(withLedger.effective(List.of(LEDGER_ADMIN, Scope.KEYS_ADMIN)))
                .containsExactlyInAnyOrder(LEDGER_ADMIN, LEDGER_READ, Scope.KEYS_ADMIN);
        assertThat(withLedger.find("ledger:admin")).contains(LEDGER_ADMIN);
    }

    @Test
    void adminImpliesReadOnlyWhenTheReadIsDeclared() {
        ScopeCatalog adminOnly = ScopeCatalog.of(List.of(LEDGER_ADMIN), Set.of());
        assertThat(adminOnly.effective(List.of(LEDGER_ADMIN))).containsExactly(LEDGER_ADMIN);
    }

    @Test
    void theKernelKeepsItsOwnScopesAndTenantsAdminIsNoTenantScope() {
        ScopeCatalog kernelOnly = ScopeCatalog.kernelOnly();
        assertThat(kernelOnly.tenantScopes())
                .containsExactlyInAnyOrder(Scope.KEYS_ADMIN, Scope.AUDIT_READ);
        assertThat(kernelOnly.find("tenants:admin")).contains(Scope.TENANTS_ADMIN);
        assertThat(kernelOnly.find("")).isEmpty();
        assertThat(kernelOnly.find("x".repeat(100))).isEmpty();
    }
}
