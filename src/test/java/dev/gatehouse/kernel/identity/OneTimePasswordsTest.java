package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

class OneTimePasswordsTest {

    static final OneTimePasswords PASSWORDS = new OneTimePasswords(new SecureRandom());

    @Test
    void twentyCharactersWithoutLookAlikes() {
        for (int i = 0; i < 200; i++) {
            String p = PASSWORDS.next().reveal();
            assertThat(p).hasSize(20).matches("[A-HJ-NP-Za-hjkmnp-z2-9]{20}");
            assertThat(p)
                    .doesNotContainAnyWhitespaces()
                    .doesNotContain("0", "O", "o", "1", "l", "I", "i");
        }
    }

    @Test
    void everyPasswordIsNewAndPassesThePolicy() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String p = PASSWORDS.next().reveal();
            assertThat(seen.add(p)).isTrue();
            assertThat(PasswordPolicy.standard().check(p, "ann@example.com"))
                    .isEqualTo(new PasswordPolicy.Verdict.Acceptable());
        }
    }

    @Test
    void theWholeAlphabetIsUsed() {
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            PASSWORDS.next().reveal().chars().forEach(c -> used.add((char) c));
        }
        assertThat(used).hasSize(OneTimePasswords.ALPHABET.length());
    }

    @Test
    void printsAsRedacted() {
        OneTimePassword p = PASSWORDS.next();
        assertThat(p.toString()).isEqualTo("[redacted]").doesNotContain(p.reveal());
    }

    @Test
    void recoveryCodesAreTenDistinctSingleShapesHashedAfterNormalizing() {
        RecoveryCodes codes = RecoveryCodes.generate(new SecureRandom());
        assertThat(codes.reveal())
                .hasSize(10)
                .doesNotHaveDuplicates()
                .allSatisfy(
                        c ->
                                assertThat(c)
                                        .matches(
                                                "[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}"));
        String first = codes.reveal().getFirst();
        assertThat(RecoveryCodes.looksLikeOne(first.toUpperCase().replace("-", " "))).isTrue();
        assertThat(RecoveryCodes.hash(first.toUpperCase())).isEqualTo(RecoveryCodes.hash(first));
        assertThat(RecoveryCodes.looksLikeOne("123456")).isFalse();
        assertThat(codes.toString()).isEqualTo("[redacted]");
    }
}
