package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.RateDecision;
import dev.gatehouse.kernel.web.RateLimit;
import dev.gatehouse.kernel.web.RateLimiter;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sign-in decision (not HTTP, no session): e-mail, password, optional second factor, client
 * address in; a {@link SignInOutcome} out.
 *
 * <p>Design, in order: (1) throttle per client address (20/min) and per account (5/min) before any
 * check, so guessing costs the attacker time, not us CPU; (2) find the account by e-mail in the
 * system scope (e-mail is unique across the installation, and the tenant is not known yet); (3)
 * verify the password with Argon2id, against a fixed dummy hash when the account is unknown, so
 * both paths do the same work and take the same time; (4) only then look at status, tenant and
 * second factor. Every refusal is the same {@link SignInOutcome.Refused}; the audit row says why. A
 * failure about an unknown account is a platform event whose actor shows only the e-mail's domain
 * ({@code ***@example.com}). On success a hash made with weaker parameters is re-hashed.
 */
public final class SignIn {

    static final RateLimit PER_ACCOUNT = RateLimit.perMinute("sign_in_account", 5);

    /** Consecutive wrong second-factor codes after which only a recovery code is accepted. */
    static final int MAX_SECOND_FACTOR_FAILURES = 10;

    static final RateLimit PER_IP = RateLimit.perMinute("sign_in_ip", 20);

    /** Longer passwords are not hashed as given (none can be valid: the policy stops at 256). */
    static final int MAX_PRESENTED = 1024;

    private static final SystemScope LOOKUP = new SystemScope("identity: sign-in lookup by e-mail");
    private static final String NOT_A_PASSWORD = "\u0000presented password was too long";

    private final Users users;
    private final Passwords passwords;
    private final SecondFactor secondFactor;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final Clock clock;

    SignIn(
            Users users,
            Passwords passwords,
            SecondFactor secondFactor,
            RateLimiter limiter,
            AuditLog audit,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.limiter = limiter;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Decides a sign-in attempt.
     *
     * @param totpOrRecoveryCode a 6-digit TOTP code or a recovery code, or null on the first step
     * @param clientIp the client address as the edge resolved it
     */
    public SignInOutcome attempt(
            String email, String password, @Nullable String totpOrRecoveryCode, String clientIp) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clientIp, "clientIp");
        String normalized = Emails.normalize(email);
        Optional<Long> throttled = throttle(normalized, clientIp);
        if (throttled.isPresent()) {
            auditFailure(null, normalized, clientIp, "throttled");
            return new SignInOutcome.Throttled(throttled.get());
        }
        boolean tooLong = password.length() > MAX_PRESENTED;
        String presented = tooLong ? NOT_A_PASSWORD : password;
        Optional<StoredUser> found =
                Emails.problem(normalized).isPresent()
                        ? Optional.empty()
                        : users.findByEmail(LOOKUP, normalized);
        if (found.isEmpty()) {
            passwords.matchesNoAccount(presented);
            return fail(null, normalized, clientIp, "unknown_user");
        }
        StoredUser user = found.get();
        if (!passwords.matches(presented, user.passwordHash()) || tooLong) {
            return fail(user, normalized, clientIp, "wrong_password");
        }
        if (!user.user().active()) {
            return fail(user, normalized, clientIp, "user_disabled");
        }
        if (!user.tenantActive()) {
            return fail(user, normalized, clientIp, "tenant_suspended");
        }
        return secondStep(user, password, totpOrRecoveryCode, clientIp);
    }

    /**
     * The signed-in user as they are now, for a session to re-check on each request: empty when the
     * user was removed or disabled or the tenant suspended.
     */
    public Optional<UserRef> current(TenantId tenant, String userPublicId) {
        return users.find(tenant, userPublicId)
                .filter(u -> u.user().active() && u.tenantActive())
                .map(StoredUser::ref);
    }

    private SignInOutcome secondStep(
            StoredUser user, String password, @Nullable String code, String clientIp) {
        String factor = null;
        if (user.user().totpEnabled()) {
            if (code == null || code.isBlank()) {
                return new SignInOutcome.TotpRequired();
            }
            factor = checkSecondFactor(user, code.strip());
            if (factor == null) {
                return fail(user, user.user().email(), clientIp, "second_factor_invalid");
            }
        }
        String rehash =
                passwords.needsRehash(user.passwordHash()) ? passwords.hash(password) : null;
        users.recordSignIn(user.tenant(), user.id(), rehash, clock.instant());
        AuditEntry entry =
                AuditEntry.of(user.tenant(), user.ref().actor(), "user.signed_in")
                        .withTarget("user", user.publicId())
                        .allowed()
                        .withRequest(null, clientIp, null);
        audit.record(factor == null ? entry : entry.withDetails(Map.of("second_factor", factor)));
        return new SignInOutcome.SignedIn(user.ref(), user.user().mustChangePassword());
    }

    /** The kind of second factor accepted ({@code totp} or {@code recovery_code}), or null. */
    private @Nullable String checkSecondFactor(StoredUser user, String code) {
        String accepted = null;
        if (SecondFactor.looksLikeTotp(code)) {
            // After MAX_SECOND_FACTOR_FAILURES wrong codes in a row only a recovery code gets in.
            boolean locked =
                    users.secondFactorFailures(user.tenant(), user.id())
                            >= MAX_SECOND_FACTOR_FAILURES;
            boolean ok =
                    !locked
                            && secondFactor.checkCode(user, code)
                                    instanceof Totp.Check.Accepted(long step)
                            && users.acceptTotpStep(user.tenant(), user.id(), step);
            accepted = ok ? "totp" : null;
        } else if (RecoveryCodes.looksLikeOne(code)
                && users.useRecoveryCode(
                        user.tenant(), user.id(), RecoveryCodes.hash(code), clock.instant())) {
            accepted = "recovery_code";
        }
        if (accepted == null) {
            users.recordSecondFactorFailure(user.tenant(), user.id());
        } else {
            users.resetSecondFactorFailures(user.tenant(), user.id());
        }
        return accepted;
    }

    private Optional<Long> throttle(String email, String clientIp) {
        if (limiter.tryConsume(clientIp, PER_IP) instanceof RateDecision.Limited limited) {
            return Optional.of(limited.retryAfterSeconds());
        }
        if (limiter.tryConsume(accountSubject(email), PER_ACCOUNT)
                instanceof RateDecision.Limited limited) {
            return Optional.of(limited.retryAfterSeconds());
        }
        return Optional.empty();
    }

    private SignInOutcome fail(
            @Nullable StoredUser user, String email, String clientIp, String reason) {
        auditFailure(user, email, clientIp, reason);
        return new SignInOutcome.Refused();
    }

    private void auditFailure(
            @Nullable StoredUser user, String email, String clientIp, String reason) {
        AuditEntry entry =
                user == null
                        ? AuditEntry.of(
                                null,
                                new Actor(Actor.Type.SYSTEM, "sign-in", Emails.mask(email)),
                                "user.sign_in_failed")
                        : AuditEntry.of(user.tenant(), user.ref().actor(), "user.sign_in_failed")
                                .withTarget("user", user.publicId());
        audit.record(entry.denied(reason).withRequest(null, clientIp, null));
    }

    /**
     * The rate-limit subject of an account: a digest, so bucket ids do not store e-mail addresses.
     */
    static String accountSubject(String normalizedEmail) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(normalizedEmail.getBytes(StandardCharsets.UTF_8));
            return "acct:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
