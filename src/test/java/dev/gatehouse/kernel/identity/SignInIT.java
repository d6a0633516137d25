package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.IdentityFixture.Member;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The sign-in decision on a real node and database. */
class SignInIT {

    static IdentityFixture f;
    static TenantId tenant;
    static Member owner;

    @BeforeAll
    static void start() {
        f = IdentityFixture.shared();
        tenant = f.newTenant();
        owner = f.owner(tenant);
    }

    @Test
    void theFirstOwnerSignsInWithTheOneTimePasswordAndMustChangeIt() {
        TenantId fresh = f.newTenant();
        String email = IdentityFixture.email("first");
        Invitation.Invited created =
                (Invitation.Invited) f.admin.createOwner(fresh, email, "First Owner");
        String oneTime = created.password().reveal();

        SignInOutcome first = f.signIn.attempt(email, oneTime, null, IdentityFixture.ip());
        assertThat(first).isInstanceOf(SignInOutcome.SignedIn.class);
        SignInOutcome.SignedIn signedIn = (SignInOutcome.SignedIn) first;
        assertThat(signedIn.mustChangePassword()).isTrue();
        assertThat(signedIn.user().role()).isEqualTo(Role.OWNER);
        assertThat(signedIn.user().tenant()).isEqualTo(fresh);

        assertThat(f.security.changePassword(signedIn.user(), oneTime, "a brand new passphrase"))
                .isEqualTo(new PasswordChange.Changed());
        assertThat(
                        f.signIn.attempt(
                                email.toUpperCase(),
                                "a brand new passphrase",
                                null,
                                IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.SignedIn(signedIn.user(), false));
        assertThat(f.signIn.attempt(email, oneTime, null, IdentityFixture.ip()))
                .isEqualTo(new SignInOutcome.Refused());
    }

    @Test
    void wrongPasswordUnknownEmailDisabledUserAndSuspendedTenantAllGetTheSameRefusal() {
        TenantId other = f.newTenant();
        Member boss = f.owner(other);
        Member disabled = f.invited(boss, Role.VIEWER);
        f.admin.disable(boss.ref(), disabled.ref().userPublicId());
        TenantId suspended = f.newTenant();
        Member suspendedOwner = f.owner(suspended);
        f.suspend(suspended);

        List<SignInOutcome> outcomes =
                List.of(
                        f.signIn.attempt(
                                owner.email(), "not the password", null, IdentityFixture.ip()),
                        f.signIn.attempt(
                                IdentityFixture.email("nobody"),
                                "not the password",
                                null,
                                IdentityFixture.ip()),
                        f.signIn.attempt(
                                disabled.email(), disabled.password(), null, IdentityFixture.ip()),
                        f.signIn.attempt(
                                suspendedOwner.email(),
                                suspendedOwner.password(),
                                null,
                                IdentityFixture.ip()),
                        f.signIn.attempt(
                                "not an address", "x".repeat(5000), null, IdentityFixture.ip()));

        assertThat(outcomes).containsOnly(new SignInOutcome.Refused());
        assertThat(f.signIn.current(other, disabled.ref().userPublicId())).isEmpty();
        assertThat(f.signIn.current(suspended, suspendedOwner.ref().userPublicId())).isEmpty();
        assertThat(f.auditAbout(disabled.ref().userPublicId()))
                .anySatisfy(
                        r ->
                                assertThat(r)
                                        .containsEntry("action", "user.sign_in_failed")
                                        .containsEntry("reason", "user_disabled"));
        assertThat(f.auditAbout(suspendedOwner.ref().userPublicId()))
                .anySatisfy(r -> assertThat(r).containsEntry("reason", "tenant_suspended"));
    }

    @Test
    void anUnknownAccountTakesAboutAsLongAsAWrongPassword() {
        List<Member> known = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            known.add(f.owner(f.newTenant()));
        }
        for (int i = 0; i < 3; i++) {
            f.signIn.attempt(
                    IdentityFixture.email("warm"),
                    "warming up the jit",
                    null,
                    IdentityFixture.ip());
        }
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Member m = known.get(i);
            knownNanos.add(
                    time(
                            () ->
                                    f.signIn.attempt(
                                            m.email(),
                                            "wrong password " + m,
                                            null,
                                            IdentityFixture.ip())));
            unknownNanos.add(
                    time(
                            () ->
                                    f.signIn.attempt(
                                            IdentityFixture.email("ghost"),
                                            "wrong password",
                                            null,
                                            IdentityFixture.ip())));
        }

        double ratio = (double) median(unknownNanos) / median(knownNanos);
        assertThat(ratio)
                .as(
                        "median unknown / median known-wrong (%s vs %s ns)",
                        median(unknownNanos), median(knownNanos))
                .isBetween(0.5, 2.0);
        // The point: an unknown account still runs Argon2, which alone takes milliseconds.
        assertThat(median(unknownNanos)).isGreaterThan(5_000_000L);
    }

    @Test
    void theSixthAttemptWithinAMinuteIsThrottledEvenWithTheRightPassword() {
        Member target = f.owner(f.newTenant());
        for (int i = 0; i < 5; i++) {
            assertThat(f.signIn.attempt(target.email(), "guess " + i, null, IdentityFixture.ip()))
                    .isEqualTo(new SignInOutcome.Refused());
        }

        SignInOutcome sixth =
                f.signIn.attempt(target.email(), target.password(), null, IdentityFixture.ip());

        assertThat(sixth).isInstanceOf(SignInOutcome.Throttled.class);
        assertThat(((SignInOutcome.Throttled) sixth).retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(f.auditAbout(target.ref().userPublicId()))
                .filteredOn(r -> "user.sign_in_failed".equals(r.get("action")))
                .hasSize(5);
    }

    @Test
    void oneAddressIsThrottledAfterTwentyAttemptsWhateverTheAccounts() {
        // A token bucket of 20 that refills one token every 3 s: each hashed attempt takes time, so
        // the attempts refused before the throttle are 20 plus what refilled meanwhile.
        String ip = IdentityFixture.ip();
        long started = System.nanoTime();
        int refused = 0;
        SignInOutcome outcome;
        while ((outcome =
                        f.signIn.attempt(
                                IdentityFixture.email("spray"), "password spray", null, ip))
                instanceof SignInOutcome.Refused) {
            refused++;
            int refilled = (int) (Duration.ofNanos(System.nanoTime() - started).toSeconds() / 3);
            assertThat(refused).as("refused before throttling").isLessThanOrEqualTo(21 + refilled);
        }
        assertThat(outcome).isInstanceOf(SignInOutcome.Throttled.class);
        assertThat(refused).isGreaterThanOrEqualTo(20);
        assertThat(f.signIn.attempt(owner.email(), owner.password(), null, ip))
                .isInstanceOf(SignInOutcome.Throttled.class);
    }

    @Test
    void signInAndFailureAreAuditedWithoutThePassword() {
        Member m = f.owner(tenant);
        f.signIn.attempt(m.email(), "wrong horse battery", null, IdentityFixture.ip());
        f.signIn.attempt(m.email(), m.password(), null, "192.0.2.77");
        String ghost = "ghost." + System.nanoTime() + "@unknown.example";
        f.signIn.attempt(ghost, "ghost password 1", null, IdentityFixture.ip());

        List<Map<String, Object>> rows = f.auditAbout(m.ref().userPublicId());
        assertThat(rows)
                .extracting(r -> r.get("action") + "/" + r.get("decision") + "/" + r.get("reason"))
                .contains("user.sign_in_failed/deny/wrong_password", "user.signed_in/allow/null");
        assertThat(rows)
                .filteredOn(r -> "user.signed_in".equals(r.get("action")))
                .singleElement()
                .satisfies(r -> assertThat((String) r.get("json")).contains("192.0.2.77"));
        assertThat(rows)
                .allSatisfy(
                        r ->
                                assertThat((String) r.get("json"))
                                        .doesNotContain(m.password())
                                        .doesNotContain("wrong horse battery"));

        List<Map<String, Object>> unknown =
                f.owner
                        .sql(
                                "select actor_type, actor_label, reason, tenant_id,"
                                        + " row_to_json(a)::text as json from audit_events a where"
                                        + " actor_label = '***@unknown.example'")
                        .query()
                        .listOfRows();
        assertThat(unknown)
                .isNotEmpty()
                .allSatisfy(
                        r -> {
                            assertThat(r)
                                    .containsEntry("actor_type", "system")
                                    .containsEntry("reason", "unknown_user");
                            assertThat(r.get("tenant_id")).isNull();
                            assertThat((String) r.get("json"))
                                    .doesNotContain(ghost)
                                    .doesNotContain("ghost password 1");
                        });
    }

    @Test
    void aHashMadeWithWeakerParametersIsReplacedAtTheNextSignIn() {
        Member m = f.owner(tenant);
        StoredUser stored = f.users.find(tenant, m.ref().userPublicId()).orElseThrow();
        String weak = new Passwords(new Passwords.Parameters(4096, 1, 1)).hash(m.password());
        f.users.updatePassword(tenant, stored.id(), weak, false, f.clock.instant());

        assertThat(f.signIn.attempt(m.email(), m.password(), null, IdentityFixture.ip()))
                .isInstanceOf(SignInOutcome.SignedIn.class);

        String now = f.users.find(tenant, m.ref().userPublicId()).orElseThrow().passwordHash();
        assertThat(now).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(f.passwords.matches(m.password(), now)).isTrue();
        assertThat(f.users.findUser(tenant, m.ref().userPublicId()).orElseThrow().lastSignedInAt())
                .isNotNull();
    }

    static long time(Supplier<SignInOutcome> attempt) {
        long start = System.nanoTime();
        SignInOutcome outcome = attempt.get();
        long took = System.nanoTime() - start;
        assertThat(outcome).isEqualTo(new SignInOutcome.Refused());
        return took;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
