package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.RoleRules.Member;
import dev.gatehouse.kernel.identity.RoleRules.Reason;
import dev.gatehouse.kernel.identity.RoleRules.Verdict;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.keys.ScopeCatalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class RoleRulesTest {

    static Member active(Role role) {
        return new Member(role, true);
    }

    static Reason reason(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        return ((Verdict.Refused) verdict).reason();
    }

    @Test
    void rolesAreRankedOwnerAdminOperatorViewer() {
        assertThat(Role.OWNER.outranks(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.outranks(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.outranks(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.outranks(Role.VIEWER)).isFalse();
        assertThat(Role.ADMIN.outranks(Role.OWNER)).isFalse();
    }

    /** A product's scopes as a product module would declare them. */
    static final Scope LEDGER_READ = new Scope("ledger:read");

    static final Scope LEDGER_ADMIN = new Scope("ledger:admin");
    static final Scope RUNS_READ = new Scope("runs:read");
    static final Scope RUNS_START = new Scope("runs:start");
    static final ScopeCatalog CATALOG =
            ScopeCatalog.of(
                    List.of(LEDGER_READ, LEDGER_ADMIN, RUNS_READ, RUNS_START), Set.of(RUNS_START));

    @Test
    void ownersAndAdminsHoldEveryTenantScopeButNeverTenantsAdmin() {
        assertThat(Role.OWNER.scopes(CATALOG)).isEqualTo(CATALOG.tenantScopes());
        assertThat(Role.ADMIN.scopes(CATALOG))
                .isEqualTo(CATALOG.tenantScopes())
                .contains(LEDGER_ADMIN, RUNS_START, Scope.KEYS_ADMIN)
                .doesNotContain(Scope.TENANTS_ADMIN);
    }

    @Test
    void operatorsReadEverythingAndDoTheWorkProductsGrantOperators() {
        assertThat(Role.OPERATOR.scopes(CATALOG))
                .containsExactlyInAnyOrder(LEDGER_READ, RUNS_READ, Scope.AUDIT_READ, RUNS_START);
    }

    @Test
    void viewersOnlyRead() {
        assertThat(Role.VIEWER.scopes(CATALOG))
                .isEqualTo(Set.of(LEDGER_READ, RUNS_READ, Scope.AUDIT_READ));
    }

    @Test
    void withoutProductsRolesHoldTheKernelsScopesOnly() {
        ScopeCatalog kernel = ScopeCatalog.kernelOnly();
        assertThat(Role.OWNER.scopes(kernel))
                .containsExactlyInAnyOrder(Scope.KEYS_ADMIN, Scope.AUDIT_READ);
        assertThat(Role.OPERATOR.scopes(kernel)).containsExactly(Scope.AUDIT_READ);
    }

    @Test
    void nobodyGrantsARoleAboveTheirOwn() {
        assertThat(reason(RoleRules.mayGrant(Role.ADMIN, Role.OWNER)))
                .isEqualTo(Reason.ROLE_ABOVE_OWN);
        assertThat(RoleRules.mayGrant(Role.ADMIN, Role.ADMIN).allowed()).isTrue();
        assertThat(RoleRules.mayGrant(Role.OWNER, Role.OWNER).allowed()).isTrue();
    }

    @Test
    void operatorsAndViewersManageNobody() {
        assertThat(reason(RoleRules.mayGrant(Role.OPERATOR, Role.VIEWER)))
                .isEqualTo(Reason.CANNOT_MANAGE_USERS);
        assertThat(reason(RoleRules.mayDisable(Role.VIEWER, active(Role.VIEWER), 1)))
                .isEqualTo(Reason.CANNOT_MANAGE_USERS);
    }

    @Test
    void anAdminCannotChangeDisableOrRemoveAnOwner() {
        assertThat(reason(RoleRules.mayChangeRole(Role.ADMIN, active(Role.OWNER), Role.VIEWER, 2)))
                .isEqualTo(Reason.TARGET_ABOVE_OWN);
        assertThat(reason(RoleRules.mayDisable(Role.ADMIN, active(Role.OWNER), 2)))
                .isEqualTo(Reason.TARGET_ABOVE_OWN);
        assertThat(reason(RoleRules.mayRemove(Role.ADMIN, active(Role.OWNER), 2)))
                .isEqualTo(Reason.TARGET_ABOVE_OWN);
    }

    @Test
    void anAdminCannotPromoteAnyoneToOwner() {
        assertThat(reason(RoleRules.mayChangeRole(Role.ADMIN, active(Role.VIEWER), Role.OWNER, 1)))
                .isEqualTo(Reason.ROLE_ABOVE_OWN);
    }

    @Test
    void theLastActiveOwnerCannotBeDemotedDisabledOrRemoved() {
        assertThat(reason(RoleRules.mayChangeRole(Role.OWNER, active(Role.OWNER), Role.ADMIN, 1)))
                .isEqualTo(Reason.LAST_OWNER);
        assertThat(reason(RoleRules.mayDisable(Role.OWNER, active(Role.OWNER), 1)))
                .isEqualTo(Reason.LAST_OWNER);
        assertThat(reason(RoleRules.mayRemove(Role.OWNER, active(Role.OWNER), 1)))
                .isEqualTo(Reason.LAST_OWNER);
    }

    @Test
    void anOwnerCanBeDemotedWhileAnotherActiveOwnerRemains() {
        assertThat(RoleRules.mayChangeRole(Role.OWNER, active(Role.OWNER), Role.ADMIN, 2).allowed())
                .isTrue();
        assertThat(RoleRules.mayRemove(Role.OWNER, active(Role.OWNER), 2).allowed()).isTrue();
    }

    @Test
    void aDisabledOwnerIsNotTheLastOwnerAndMayBeRemoved() {
        assertThat(RoleRules.mayRemove(Role.OWNER, new Member(Role.OWNER, false), 1).allowed())
                .isTrue();
    }

    @Test
    void keepingTheOwnerRoleIsNeverADemotion() {
        assertThat(RoleRules.mayChangeRole(Role.OWNER, active(Role.OWNER), Role.OWNER, 1).allowed())
                .isTrue();
    }

    @Test
    void refusalsCarryAReadableMessageAndAnAuditCode() {
        Verdict.Refused refused = (Verdict.Refused) RoleRules.mayGrant(Role.ADMIN, Role.OWNER);
        assertThat(refused.message()).contains("owner").contains("admin");
        assertThat(refused.reason().code()).isEqualTo("role_above_own");
    }
}
