package dev.gatehouse.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The token exchange's equal-work rule, shown with a counting password double: every attempt,
 * whatever fails, makes exactly one password verification, and an unknown or malformed client is
 * verified against the dummy hash. Without the dummy hash the unknown-client cases would count 0
 * and these tests fail; the HTTP test ({@code TokenExchangeIT}) measures the resulting times.
 */
class TokenCheckTest {

    static final String DUMMY = "$argon2id$dummy";
    static final String CURRENT_PW = "$argon2id$current";
    static final String PREVIOUS_PW = "$argon2id$previous";
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final InetAddress CLIENT = AllowedIps.literal("203.0.113.7");

    /** A password double that records which stored hash each verification used. */
    static final class CountingPasswords implements PasswordCheck {
        final List<String> verified = new ArrayList<>();
        final String rightPassword;

        CountingPasswords(String rightPassword) {
            this.rightPassword = rightPassword;
        }

        @Override
        public boolean matches(CharSequence presented, String storedHash) {
            verified.add(storedHash);
            return !storedHash.equals(DUMMY) && rightPassword.contentEquals(presented);
        }
    }

    static CredentialState state(
            boolean revoked,
            @Nullable Instant expires,
            boolean actorActive,
            boolean accountActive,
            boolean tenantActive,
            AllowedIps ips,
            @Nullable String previousKeyHash,
            @Nullable Instant previousUntil) {
        return new CredentialState(
                1,
                "ten_x",
                tenantActive,
                2,
                "acct_x",
                accountActive,
                3,
                "act_x",
                actorActive,
                4,
                "cred_x",
                "gwc_x",
                CredentialKind.STANDARD,
                revoked,
                expires,
                null,
                ips,
                "aa11",
                previousKeyHash,
                previousUntil);
    }

    static CredentialState good() {
        return state(false, null, true, true, true, AllowedIps.any(), null, null);
    }

    static Optional<Credentials.ExchangeCandidate> candidate(CredentialState s) {
        return Optional.of(new Credentials.ExchangeCandidate(s, CURRENT_PW, PREVIOUS_PW));
    }

    static TokenCheck.Presented presented(String password, @Nullable String keyHash) {
        return new TokenCheck.Presented(true, password, keyHash, CLIENT);
    }

    @Test
    void everyOutcomeMakesExactlyOneVerification() {
        record Case(
                String name,
                TokenCheck.Presented presented,
                Optional<Credentials.ExchangeCandidate> found,
                @Nullable Refusal expected) {}
        List<Case> cases =
                List.of(
                        new Case(
                                "malformed",
                                new TokenCheck.Presented(false, "", null, CLIENT),
                                Optional.empty(),
                                Refusal.MALFORMED_CREDENTIALS),
                        new Case(
                                "unknown client",
                                presented("right", "aa11"),
                                Optional.empty(),
                                Refusal.UNKNOWN_CLIENT),
                        new Case(
                                "wrong password",
                                presented("wrong", "aa11"),
                                candidate(good()),
                                Refusal.WRONG_PASSWORD),
                        new Case(
                                "wrong key",
                                presented("right", "bb22"),
                                candidate(good()),
                                Refusal.WRONG_API_KEY),
                        new Case(
                                "missing key",
                                presented("right", null),
                                candidate(good()),
                                Refusal.WRONG_API_KEY),
                        new Case(
                                "revoked",
                                presented("right", "aa11"),
                                candidate(
                                        state(
                                                true,
                                                null,
                                                true,
                                                true,
                                                true,
                                                AllowedIps.any(),
                                                null,
                                                null)),
                                Refusal.CREDENTIAL_REVOKED),
                        new Case(
                                "expired",
                                presented("right", "aa11"),
                                candidate(
                                        state(
                                                false,
                                                NOW,
                                                true,
                                                true,
                                                true,
                                                AllowedIps.any(),
                                                null,
                                                null)),
                                Refusal.CREDENTIAL_EXPIRED),
                        new Case(
                                "actor disabled",
                                presented("right", "aa11"),
                                candidate(
                                        state(
                                                false,
                                                null,
                                                false,
                                                true,
                                                true,
                                                AllowedIps.any(),
                                                null,
                                                null)),
                                Refusal.ACTOR_DISABLED),
                        new Case(
                                "account suspended",
                                presented("right", "aa11"),
                                candidate(
                                        state(
                                                false,
                                                null,
                                                true,
                                                false,
                                                true,
                                                AllowedIps.any(),
                                                null,
                                                null)),
                                Refusal.ACCOUNT_SUSPENDED),
                        new Case(
                                "tenant suspended",
                                presented("right", "aa11"),
                                candidate(
                                        state(
                                                false,
                                                null,
                                                true,
                                                true,
                                                false,
                                                AllowedIps.any(),
                                                null,
                                                null)),
                                Refusal.TENANT_SUSPENDED),
                        new Case(
                                "ip not allowed",
                                presented("right", "aa11"),
                                candidate(
                                        state(
                                                false,
                                                null,
                                                true,
                                                true,
                                                true,
                                                AllowedIps.parse(List.of("198.51.100.0/24")).ips(),
                                                null,
                                                null)),
                                Refusal.IP_NOT_ALLOWED),
                        new Case("passes", presented("right", "aa11"), candidate(good()), null));
        for (Case c : cases) {
            CountingPasswords passwords = new CountingPasswords("right");
            TokenCheck.Decision d =
                    new TokenCheck(passwords, () -> DUMMY).decide(c.presented(), c.found(), NOW);

            assertThat(passwords.verified).as(c.name()).hasSize(1);
            if (c.expected() == null) {
                assertThat(d).as(c.name()).isInstanceOf(TokenCheck.Decision.Pass.class);
            } else {
                assertThat(d)
                        .as(c.name())
                        .isInstanceOfSatisfying(
                                TokenCheck.Decision.Fail.class,
                                f -> assertThat(f.reason()).isEqualTo(c.expected()));
            }
        }
    }

    @Test
    void anUnknownClientIsVerifiedAgainstTheDummyHash() {
        CountingPasswords passwords = new CountingPasswords("right");

        new TokenCheck(passwords, () -> DUMMY)
                .decide(presented("right", "aa11"), Optional.empty(), NOW);

        assertThat(passwords.verified).containsExactly(DUMMY);
    }

    @Test
    void aKeyOfThePreviousGenerationIsVerifiedWithThePreviousPasswordDuringTheOverlap() {
        CredentialState rotated =
                state(false, null, true, true, true, AllowedIps.any(), "cc33", NOW.plusSeconds(60));
        CountingPasswords passwords = new CountingPasswords("old");

        TokenCheck.Decision d =
                new TokenCheck(passwords, () -> DUMMY)
                        .decide(presented("old", "cc33"), candidate(rotated), NOW);

        assertThat(passwords.verified).containsExactly(PREVIOUS_PW);
        assertThat(d).isInstanceOf(TokenCheck.Decision.Pass.class);
    }

    @Test
    void aKeyOfThePreviousGenerationFailsOnceTheOverlapEnded() {
        CredentialState rotated =
                state(false, null, true, true, true, AllowedIps.any(), "cc33", NOW);
        CountingPasswords passwords = new CountingPasswords("old");

        TokenCheck.Decision d =
                new TokenCheck(passwords, () -> DUMMY)
                        .decide(presented("old", "cc33"), candidate(rotated), NOW);

        assertThat(passwords.verified).containsExactly(CURRENT_PW);
        assertThat(d)
                .isInstanceOfSatisfying(
                        TokenCheck.Decision.Fail.class,
                        f -> assertThat(f.reason()).isEqualTo(Refusal.WRONG_API_KEY));
    }

    @Test
    void anOverlongPasswordIsVerifiedOnceAsSomethingElseAndFails() {
        CountingPasswords passwords = new CountingPasswords("x".repeat(2000));

        TokenCheck.Decision d =
                new TokenCheck(passwords, () -> DUMMY)
                        .decide(presented("x".repeat(2000), "aa11"), candidate(good()), NOW);

        assertThat(passwords.verified).hasSize(1);
        assertThat(d).isInstanceOf(TokenCheck.Decision.Fail.class);
    }
}
