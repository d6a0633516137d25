package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.IdentityFixture.Member;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/** Managing users on a real node: role rules, the last owner, tenancy, listing, audit. */
class UserAdministrationIT {

    static IdentityFixture f;

    @BeforeAll
    static void start() {
        f = IdentityFixture.shared();
    }

    static RoleRules.Reason refusal(Object outcome) {
        assertThat(outcome).isInstanceOf(UserChange.NotAllowed.class);
        return ((UserChange.NotAllowed) outcome).reason();
    }

    @Test
    void theLastOwnerCannotBeDemotedDisabledOrRemoved() {
        Member owner = f.owner(f.newTenant());
        String self = owner.ref().userPublicId();

        assertThat(refusal(f.admin.changeRole(owner.ref(), self, Role.ADMIN)))
                .isEqualTo(RoleRules.Reason.LAST_OWNER);
        assertThat(refusal(f.admin.disable(owner.ref(), self)))
                .isEqualTo(RoleRules.Reason.LAST_OWNER);
        assertThat(refusal(f.admin.remove(owner.ref(), self)))
                .isEqualTo(RoleRules.Reason.LAST_OWNER);

        assertThat(f.admin.find(owner.ref().tenant(), self).orElseThrow().role())
                .isEqualTo(Role.OWNER);
        assertThat(f.auditAbout(self))
                .filteredOn(r -> "deny".equals(r.get("decision")))
                .extracting(r -> r.get("action") + "/" + r.get("reason"))
                .containsExactly(
                        "user.role_changed/last_owner",
                        "user.disabled/last_owner",
                        "user.removed/last_owner");
    }

    @Test
    void withASecondOwnerTheFirstMayStepDown() {
        Member owner = f.owner(f.newTenant());
        Member second = f.invited(owner, Role.OWNER);

        UserChange demoted =
                f.admin.changeRole(owner.ref(), owner.ref().userPublicId(), Role.ADMIN);

        assertThat(demoted).isInstanceOf(UserChange.Changed.class);
        assertThat(((UserChange.Changed) demoted).user().role()).isEqualTo(Role.ADMIN);
        assertThat(refusal(f.admin.remove(second.ref(), second.ref().userPublicId())))
                .isEqualTo(RoleRules.Reason.LAST_OWNER);
    }

    @Test
    void anAdminCannotGrantOwnerNorTouchAnOwner() {
        Member owner = f.owner(f.newTenant());
        Member admin = f.invited(owner, Role.ADMIN);
        Member viewer = f.invited(admin, Role.VIEWER);

        Invitation invite =
                f.admin.invite(
                        admin.ref(), IdentityFixture.email("would-be-owner"), "Nope", Role.OWNER);
        assertThat(invite).isInstanceOf(Invitation.NotAllowed.class);
        assertThat(((Invitation.NotAllowed) invite).reason())
                .isEqualTo(RoleRules.Reason.ROLE_ABOVE_OWN);
        assertThat(
                        refusal(
                                f.admin.changeRole(
                                        admin.ref(), viewer.ref().userPublicId(), Role.OWNER)))
                .isEqualTo(RoleRules.Reason.ROLE_ABOVE_OWN);
        assertThat(
                        refusal(
                                f.admin.changeRole(
                                        admin.ref(), owner.ref().userPublicId(), Role.VIEWER)))
                .isEqualTo(RoleRules.Reason.TARGET_ABOVE_OWN);
        assertThat(refusal(f.admin.remove(admin.ref(), owner.ref().userPublicId())))
                .isEqualTo(RoleRules.Reason.TARGET_ABOVE_OWN);
        assertThat(f.admin.changeRole(admin.ref(), viewer.ref().userPublicId(), Role.OPERATOR))
                .isInstanceOf(UserChange.Changed.class);
    }

    @Test
    void aDemotedAdminLosesTheirPowersAtOnceEvenWithAnOldReference() {
        Member owner = f.owner(f.newTenant());
        Member admin = f.invited(owner, Role.ADMIN);
        Member viewer = f.invited(owner, Role.VIEWER);
        f.admin.changeRole(owner.ref(), admin.ref().userPublicId(), Role.VIEWER);

        assertThat(refusal(f.admin.disable(admin.ref(), viewer.ref().userPublicId())))
                .isEqualTo(RoleRules.Reason.CANNOT_MANAGE_USERS);
    }

    @Test
    void operatorsAndViewersCannotInvite() {
        Member owner = f.owner(f.newTenant());
        Member operator = f.invited(owner, Role.OPERATOR);
        assertThat(f.admin.invite(operator.ref(), IdentityFixture.email("x"), "X", Role.VIEWER))
                .isEqualTo(
                        new Invitation.NotAllowed(
                                RoleRules.Reason.CANNOT_MANAGE_USERS,
                                "Only owners and admins manage users."));
    }

    @Test
    void anEmailAddressBelongsToOneUserInTheWholeInstallation() {
        Member a = f.owner(f.newTenant());
        TenantId b = f.newTenant();

        assertThat(f.admin.createOwner(b, a.email(), "Copycat"))
                .isEqualTo(new Invitation.EmailTaken());
        assertThat(f.admin.createOwner(b, "  " + a.email().toUpperCase() + " ", "Copycat"))
                .isEqualTo(new Invitation.EmailTaken());
        assertThat(f.admin.createOwner(b, "not-an-address", "X"))
                .isInstanceOf(Invitation.Invalid.class);
        assertThat(f.admin.createOwner(b, IdentityFixture.email("ok"), " "))
                .isInstanceOf(Invitation.Invalid.class);
    }

    @Test
    void oneTenantsUsersAreInvisibleToAnother() {
        Member a = f.owner(f.newTenant());
        Member b = f.owner(f.newTenant());
        TenantId bTenant = b.ref().tenant();
        String aUser = a.ref().userPublicId();

        assertThat(f.admin.list(bTenant, null, 200).users())
                .extracting(User::publicId)
                .containsExactly(b.ref().userPublicId());
        assertThat(f.admin.find(bTenant, aUser)).isEmpty();
        assertThat(f.admin.changeRole(b.ref(), aUser, Role.VIEWER))
                .isEqualTo(new UserChange.NotFound());
        assertThat(f.admin.remove(b.ref(), aUser)).isEqualTo(new UserChange.NotFound());

        JdbcClient app = JdbcClient.create(f.appDataSource());
        Transactions tx = f.node.bean(Transactions.class);
        long seen =
                tx.inTenant(
                        bTenant,
                        () ->
                                app.sql("select count(*) from users where tenant_id = ?")
                                        .param(a.ref().tenant().value())
                                        .query(Long.class)
                                        .single());
        assertThat(seen).isZero();
        assertThat(app.sql("select count(*) from users").query(Long.class).single()).isZero();
        assertThat(app.sql("select count(*) from recovery_codes").query(Long.class).single())
                .isZero();
        assertThat(f.admin.find(a.ref().tenant(), aUser)).isPresent();
    }

    @Test
    void listingPagesThroughEveryUserOnceByPublicId() {
        Member owner = f.owner(f.newTenant());
        for (int i = 0; i < 4; i++) {
            f.invited(owner, Role.VIEWER);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            UserPage page = f.admin.list(owner.ref().tenant(), cursor, 2);
            page.users().forEach(u -> seen.add(u.publicId()));
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void invitationsRoleChangesDisablingAndRemovalAreAuditedWithoutThePassword() {
        Member owner = f.owner(f.newTenant());
        Invitation.Invited invited =
                (Invitation.Invited)
                        f.admin.invite(
                                owner.ref(),
                                IdentityFixture.email("audited"),
                                "Audited",
                                Role.VIEWER);
        String id = invited.user().publicId();
        assertThat(invited.user().mustChangePassword()).isTrue();
        f.admin.changeRole(owner.ref(), id, Role.OPERATOR);
        f.admin.disable(owner.ref(), id);
        f.admin.enable(owner.ref(), id);
        f.admin.remove(owner.ref(), id);

        assertThat(f.actions(id))
                .containsExactly(
                        "user.created",
                        "user.role_changed",
                        "user.disabled",
                        "user.enabled",
                        "user.removed");
        assertThat(f.auditAbout(id))
                .allSatisfy(
                        r -> {
                            assertThat(r)
                                    .containsEntry("decision", "allow")
                                    .containsEntry("actor_id", owner.ref().userPublicId());
                            assertThat((String) r.get("json"))
                                    .doesNotContain(invited.password().reveal());
                        });
        assertThat(f.auditAbout(id).get(1).get("json").toString())
                .contains("\"from\": \"viewer\"", "\"to\": \"operator\"");
        assertThat(f.admin.find(owner.ref().tenant(), id)).isEmpty();
    }
}
