package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.IdentityFixture.Member;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Passwords and the TOTP second factor on a real node. */
class AccountSecurityIT {

    static IdentityFixture f;
    static TenantId tenant;
    static Member owner;

    @BeforeAll
    static void start() {
        f = IdentityFixture.shared();
        tenant = f.newTenant();
        owner = f.owner(tenant);
    }

    /**
     * A user with TOTP on: the raw secret, the recovery codes, and the step the confirmation used.
     */
    record Enrolled(Member member, byte[] secret, List<String> recoveryCodes, long confirmedStep) {}

    static Enrolled enrolled() {
        Member m = f.invited(owner, Role.OPERATOR);
        TotpStart start = f.security.beginTotp(m.ref());
        TotpEnrollment enrollment = ((TotpStart.Begun) start).enrollment();
        byte[] secret = base32(enrollment.secretBase32());
        long step = f.node.bean(Totp.class).currentStep();
        assertThat(
                        f.security.confirmTotp(
                                m.ref(),
                                "000000".equals(Totp.code(secret, step, 6)) ? "111111" : "000000"))
                .isEqualTo(new TotpConfirmation.WrongCode());
        TotpConfirmation confirmed = f.security.confirmTotp(m.ref(), Totp.code(secret, step, 6));
        List<String> codes = ((TotpConfirmation.Enabled) confirmed).codes().reveal();
        return new Enrolled(m, secret, codes, step);
    }

    @Test
    void withTotpOnTheRightPasswordAloneAsksForTheCodeAndAFreshCodeSignsIn() {
        Enrolled e = enrolled();
        Member m = e.member();

        assertThat(f.signIn.attempt(m.email(), m.password(), null, IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.TotpRequired());
        assertThat(
                        f.signIn.attempt(
                                m.email(),
                                "wrong password!",
                                Totp.code(e.secret(), e.confirmedStep() + 1, 6),
                                IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.Refused());
        String fresh = Totp.code(e.secret(), e.confirmedStep() + 1, 6);
        assertThat(f.signIn.attempt(m.email(), m.password(), fresh, IdentityFixture.ip()))
                .isInstanceOf(SignInOutcome.SignedIn.class);
        assertThat(f.signIn.attempt(m.email(), m.password(), fresh, IdentityFixture.ip()))
                .as("the same code twice")
                .isEqualTo(new SignInOutcome.Refused());
    }

    @Test
    void afterTenWrongCodesInARowOnlyARecoveryCodeGetsIn() {
        Enrolled e = enrolled();
        Member m = e.member();
        String id = m.ref().userPublicId();
        String wrong =
                "000000".equals(Totp.code(e.secret(), e.confirmedStep() + 1, 6))
                        ? "111111"
                        : "000000";
        assertThat(f.signIn.attempt(m.email(), m.password(), wrong, IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.Refused());
        assertThat(failures(id)).isEqualTo(1);

        f.owner
                .sql("update users set second_factor_failures = ? where public_id = ?")
                .param(SignIn.MAX_SECOND_FACTOR_FAILURES)
                .param(id)
                .update();
        String right = Totp.code(e.secret(), f.node.bean(Totp.class).currentStep(), 6);
        assertThat(f.signIn.attempt(m.email(), m.password(), right, IdentityFixture.ip()))
                .as("a right authenticator code while locked")
                .isEqualTo(new SignInOutcome.Refused());

        assertThat(
                        f.signIn.attempt(
                                m.email(),
                                m.password(),
                                e.recoveryCodes().get(0),
                                IdentityFixture.ip()))
                .isInstanceOf(SignInOutcome.SignedIn.class);
        assertThat(failures(id)).isZero();
    }

    private static int failures(String userPublicId) {
        return f.owner
                .sql("select second_factor_failures from users where public_id = ?")
                .param(userPublicId)
                .query(Integer.class)
                .single();
    }

    @Test
    void theCodeThatConfirmedEnrolmentCannotBeReplayedToSignIn() {
        Enrolled e = enrolled();
        assertThat(
                        f.signIn.attempt(
                                e.member().email(),
                                e.member().password(),
                                Totp.code(e.secret(), e.confirmedStep(), 6),
                                IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.Refused());
    }

    @Test
    void aRecoveryCodeWorksOnceInAnyCase() {
        Enrolled e = enrolled();
        Member m = e.member();
        assertThat(e.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
        String code = e.recoveryCodes().get(3);

        assertThat(
                        f.signIn.attempt(
                                m.email(), m.password(), code.toUpperCase(), IdentityFixture.ip()))
                .isInstanceOf(SignInOutcome.SignedIn.class);
        assertThat(f.signIn.attempt(m.email(), m.password(), code, IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.Refused());
        assertThat(f.users.unusedRecoveryCodes(tenant, m.ref().userPublicId())).isEqualTo(9);
        assertThat(f.auditAbout(m.ref().userPublicId()))
                .filteredOn(r -> "user.sign_in_failed".equals(r.get("action")))
                .extracting(r -> r.get("reason"))
                .containsExactly("second_factor_invalid");
    }

    @Test
    void theTotpSecretIsStoredSealedAndNothingSecretReachesTheAuditLog() {
        Enrolled e = enrolled();
        String id = e.member().ref().userPublicId();
        String stored =
                f.owner
                        .sql("select totp_secret from users where public_id = ?")
                        .param(id)
                        .query(String.class)
                        .single();
        String base32 = TotpEnrollment.base32(e.secret());

        assertThat(stored).startsWith("v1.").doesNotContain(base32);
        assertThat(f.actions(id)).contains("user.created", "user.totp_enabled");
        assertThat(f.auditAbout(id))
                .allSatisfy(
                        r -> {
                            String json = (String) r.get("json");
                            assertThat(json)
                                    .doesNotContain(base32)
                                    .doesNotContain(e.member().password());
                            e.recoveryCodes()
                                    .forEach(code -> assertThat(json).doesNotContain(code));
                        });
    }

    @Test
    void disablingTotpLetsThePasswordAloneSignInAgainAndAnAdminMayDoItForAnother() {
        Enrolled e = enrolled();
        Member m = e.member();
        Member viewer = f.invited(owner, Role.VIEWER);

        assertThat(f.security.disableTotp(viewer.ref(), m.ref().userPublicId()))
                .isInstanceOf(UserChange.NotAllowed.class);
        assertThat(f.security.disableTotp(owner.ref(), m.ref().userPublicId()))
                .isInstanceOf(UserChange.Changed.class);

        assertThat(f.signIn.attempt(m.email(), m.password(), null, IdentityFixture.ip()))
                .isInstanceOf(SignInOutcome.SignedIn.class);
        assertThat(f.users.unusedRecoveryCodes(tenant, m.ref().userPublicId())).isZero();
        assertThat(f.actions(m.ref().userPublicId())).contains("user.totp_disabled");
        assertThat(f.security.beginTotp(m.ref())).isInstanceOf(TotpStart.Begun.class);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndAPasswordThatPassesThePolicy() {
        Member m = f.invited(owner, Role.VIEWER);

        assertThat(
                        f.security.changePassword(
                                m.ref(), "not my password", "a perfectly fine passphrase"))
                .isEqualTo(new PasswordChange.WrongPassword());
        assertThat(f.security.changePassword(m.ref(), m.password(), "password1234"))
                .isInstanceOf(PasswordChange.Rejected.class)
                .extracting(r -> ((PasswordChange.Rejected) r).rule())
                .isEqualTo(PasswordPolicy.Rule.COMMON);
        assertThat(f.security.changePassword(m.ref(), m.password(), m.password()))
                .isInstanceOf(PasswordChange.Rejected.class);
        assertThat(f.security.changePassword(m.ref(), m.password(), "a perfectly fine passphrase"))
                .isEqualTo(new PasswordChange.Changed());

        assertThat(f.actions(m.ref().userPublicId()))
                .contains("user.password_change_failed", "user.password_changed");
        assertThat(f.auditAbout(m.ref().userPublicId()))
                .allSatisfy(
                        r ->
                                assertThat((String) r.get("json"))
                                        .doesNotContain("a perfectly fine passphrase")
                                        .doesNotContain(m.password()));
    }

    @Test
    void theCommandLineResetGivesAOneTimePasswordThatMustBeChanged() {
        Member m = f.invited(owner, Role.ADMIN);

        PasswordReset reset = f.security.resetPassword(m.email().toUpperCase());
        assertThat(f.security.resetPassword(IdentityFixture.email("nobody")))
                .isEqualTo(new PasswordReset.UnknownEmail());

        String oneTime = ((PasswordReset.Reset) reset).password().reveal();
        assertThat(f.signIn.attempt(m.email(), m.password(), null, IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.Refused());
        assertThat(f.signIn.attempt(m.email(), oneTime, null, IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.SignedIn(m.ref(), true));
        assertThat(f.auditAbout(m.ref().userPublicId()))
                .filteredOn(r -> "user.password_reset".equals(r.get("action")))
                .singleElement()
                .satisfies(r -> assertThat((String) r.get("json")).doesNotContain(oneTime));
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int i = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[i++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
