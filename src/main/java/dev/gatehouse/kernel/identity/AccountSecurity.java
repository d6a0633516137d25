package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.web.RateDecision;
import dev.gatehouse.kernel.web.RateLimiter;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's own credentials: changing the password, the operator's password reset, enabling and
 * disabling the TOTP second factor. Audited; never audits a password, TOTP secret or recovery code.
 *
 * <p>Opens the system scope for one thing only: {@link #resetPassword} finds the account by e-mail
 * for the command line, which knows no tenant.
 */
public final class AccountSecurity {

    private static final SystemScope RESET_LOOKUP =
            new SystemScope("identity: password reset by e-mail");

    private final Users users;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final OneTimePasswords oneTimePasswords;
    private final SecondFactor secondFactor;
    private final RateLimiter limiter;
    private final Transactions tx;
    private final AuditLog audit;
    private final Clock clock;

    AccountSecurity(
            Users users,
            Passwords passwords,
            PasswordPolicy policy,
            OneTimePasswords oneTimePasswords,
            SecondFactor secondFactor,
            RateLimiter limiter,
            Transactions tx,
            AuditLog audit,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.oneTimePasswords = oneTimePasswords;
        this.secondFactor = secondFactor;
        this.limiter = limiter;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Re-authentication before a sensitive change (turning off the second factor): true when {@code
     * password} is the actor's current one. Throttled with sign-in; a failure is audited.
     */
    public boolean confirmPassword(UserRef actor, String password) {
        Optional<StoredUser> me = active(actor);
        if (me.isEmpty()
                || limiter.tryConsume(
                                SignIn.accountSubject(me.get().user().email()), SignIn.PER_ACCOUNT)
                        instanceof RateDecision.Limited) {
            return false;
        }
        if (passwords.matches(password, me.get().passwordHash())) {
            return true;
        }
        audit.record(
                AuditEntry.of(actor.tenant(), actor.actor(), "user.reauthentication_failed")
                        .withTarget("user", me.get().publicId())
                        .denied("wrong_password"));
        return false;
    }

    /**
     * Changes the signed-in user's password: the current one must match (throttled with sign-in's
     * per-account limit), the new one must pass the policy and differ from the current one. Clears
     * the must-change flag.
     */
    public PasswordChange changePassword(
            UserRef actor, String currentPassword, String newPassword) {
        Objects.requireNonNull(currentPassword, "currentPassword");
        Objects.requireNonNull(newPassword, "newPassword");
        Optional<StoredUser> me = active(actor);
        if (me.isEmpty()) {
            return new PasswordChange.NotFound();
        }
        StoredUser user = me.get();
        Optional<PasswordChange> refused = refuseChange(actor, user, currentPassword, newPassword);
        if (refused.isPresent()) {
            return refused.get();
        }
        String hash = passwords.hash(newPassword);
        return tx.inTenant(
                actor.tenant(),
                () -> {
                    users.updatePassword(actor.tenant(), user.id(), hash, false, clock.instant());
                    audit.record(
                            AuditEntry.of(actor.tenant(), actor.actor(), "user.password_changed")
                                    .withTarget("user", user.publicId())
                                    .allowed());
                    return new PasswordChange.Changed();
                });
    }

    /**
     * The command line's reset: a new one-time password that must be changed at the next sign-in.
     */
    public PasswordReset resetPassword(String email) {
        Objects.requireNonNull(email, "email");
        Optional<StoredUser> found = users.findByEmail(RESET_LOOKUP, Emails.normalize(email));
        if (found.isEmpty()) {
            return new PasswordReset.UnknownEmail();
        }
        StoredUser user = found.get();
        OneTimePassword password = oneTimePasswords.next();
        String hash = passwords.hash(password.reveal());
        return tx.inTenant(
                user.tenant(),
                () -> {
                    users.updatePassword(user.tenant(), user.id(), hash, true, clock.instant());
                    audit.record(
                            AuditEntry.of(user.tenant(), Actor.system("cli"), "user.password_reset")
                                    .withTarget("user", user.publicId())
                                    .allowed()
                                    .withDetails(Map.of("email", user.user().email())));
                    return new PasswordReset.Reset(user.ref(), password);
                });
    }

    /** Step one of enabling TOTP: a new secret, stored sealed but not yet in force. */
    public TotpStart beginTotp(UserRef actor) {
        Optional<StoredUser> me = active(actor);
        if (me.isEmpty()) {
            return new TotpStart.NotFound();
        }
        if (me.get().user().totpEnabled()) {
            return new TotpStart.AlreadyEnabled();
        }
        SecondFactor.NewSecret secret =
                secondFactor.newSecret(
                        actor.tenant(), actor.userPublicId(), me.get().user().email());
        users.storePendingTotp(actor.tenant(), me.get().id(), secret.sealedText(), clock.instant());
        return new TotpStart.Begun(secret.enrollment());
    }

    /**
     * Step two: a valid code for the new secret switches the second factor on and yields recovery
     * codes.
     */
    public TotpConfirmation confirmTotp(UserRef actor, String code) {
        Objects.requireNonNull(code, "code");
        return tx.inTenant(
                actor.tenant(),
                () -> {
                    Optional<StoredUser> me = active(actor);
                    if (me.isEmpty()) {
                        return new TotpConfirmation.NotFound();
                    }
                    StoredUser user = me.get();
                    if (user.user().totpEnabled()) {
                        return new TotpConfirmation.AlreadyEnabled();
                    }
                    if (user.totpSecret() == null) {
                        return new TotpConfirmation.NotBegun();
                    }
                    if (!(secondFactor.checkCode(user, code.strip())
                            instanceof Totp.Check.Accepted(long step))) {
                        return new TotpConfirmation.WrongCode();
                    }
                    RecoveryCodes codes = secondFactor.newRecoveryCodes();
                    users.enableTotp(actor.tenant(), user.id(), step, clock.instant());
                    users.replaceRecoveryCodes(actor.tenant(), user.id(), codes.hashes());
                    audit.record(
                            AuditEntry.of(actor.tenant(), actor.actor(), "user.totp_enabled")
                                    .withTarget("user", user.publicId())
                                    .allowed()
                                    .withDetails(Map.of("recovery_codes", RecoveryCodes.COUNT)));
                    return new TotpConfirmation.Enabled(codes);
                });
    }

    /**
     * Switches off the second factor of {@code userPublicId}: the user's own, or another's when
     * {@link RoleRules#mayManage} allows (a lost phone). Deletes the secret and the recovery codes.
     */
    public UserChange disableTotp(UserRef actor, String userPublicId) {
        Objects.requireNonNull(userPublicId, "userPublicId");
        UserChange outcome =
                tx.inTenant(
                        actor.tenant(),
                        () -> {
                            Optional<StoredUser> me = active(actor);
                            Optional<StoredUser> target = users.find(actor.tenant(), userPublicId);
                            if (me.isEmpty() || target.isEmpty()) {
                                return new UserChange.NotFound();
                            }
                            boolean self = me.get().id() == target.get().id();
                            if (!self
                                    && RoleRules.mayManage(
                                                    me.get().user().role(), target.get().member())
                                            instanceof
                                            RoleRules.Verdict.Refused(
                                                    RoleRules.Reason reason,
                                                    String message)) {
                                return new UserChange.NotAllowed(reason, message);
                            }
                            users.disableTotp(actor.tenant(), target.get().id(), clock.instant());
                            audit.record(
                                    AuditEntry.of(
                                                    actor.tenant(),
                                                    actor.actor(),
                                                    "user.totp_disabled")
                                            .withTarget("user", userPublicId)
                                            .allowed());
                            return new UserChange.Changed(
                                    users.find(actor.tenant(), userPublicId).orElseThrow().user());
                        });
        if (outcome instanceof UserChange.NotAllowed(RoleRules.Reason reason, String message)) {
            audit.record(
                    AuditEntry.of(actor.tenant(), actor.actor(), "user.totp_disabled")
                            .withTarget("user", userPublicId)
                            .denied(reason.code()));
        }
        return outcome;
    }

    /**
     * Why the change may not go ahead (throttled, wrong current password, policy), if it may not.
     */
    private Optional<PasswordChange> refuseChange(
            UserRef actor, StoredUser user, String currentPassword, String newPassword) {
        if (limiter.tryConsume(SignIn.accountSubject(user.user().email()), SignIn.PER_ACCOUNT)
                instanceof RateDecision.Limited limited) {
            return Optional.of(new PasswordChange.Throttled(limited.retryAfterSeconds()));
        }
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            audit.record(
                    AuditEntry.of(actor.tenant(), actor.actor(), "user.password_change_failed")
                            .withTarget("user", user.publicId())
                            .denied("wrong_password"));
            return Optional.of(new PasswordChange.WrongPassword());
        }
        if (newPassword.equals(currentPassword)) {
            return Optional.of(
                    new PasswordChange.Rejected(
                            PasswordPolicy.Rule.SAME_AS_CURRENT,
                            "Choose a password different from the current one."));
        }
        if (policy.check(newPassword, user.user().email())
                instanceof
                PasswordPolicy.Verdict.Rejected(PasswordPolicy.Rule rule, String message)) {
            return Optional.of(new PasswordChange.Rejected(rule, message));
        }
        return Optional.empty();
    }

    private Optional<StoredUser> active(UserRef actor) {
        return users.find(actor.tenant(), actor.userPublicId()).filter(u -> u.user().active());
    }
}
