package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.PasswordPolicy.Rule;
import dev.gatehouse.kernel.identity.PasswordPolicy.Verdict;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    static final PasswordPolicy POLICY = PasswordPolicy.standard();
    static final String EMAIL = "ann@example.com";

    static Rule rule(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        return ((Verdict.Rejected) verdict).rule();
    }

    @Test
    void elevenCharactersAreTooShortAndTwelveAreEnough() {
        assertThat(rule(POLICY.check("tangerine7q", EMAIL))).isEqualTo(Rule.TOO_SHORT);
        assertThat(POLICY.check("tangerine-7q", EMAIL)).isEqualTo(new Verdict.Acceptable());
    }

    @Test
    void lengthIsCountedInCodePointsNotUtf16Units() {
        String sixEmoji = "\uD83D\uDE00".repeat(6);
        assertThat(sixEmoji.length()).isEqualTo(12);
        assertThat(rule(POLICY.check(sixEmoji, EMAIL))).isEqualTo(Rule.TOO_SHORT);
        assertThat(POLICY.check("\uD83D\uDE00".repeat(12), EMAIL))
                .isEqualTo(new Verdict.Acceptable());
    }

    @Test
    void moreThan256CharactersAreTooLong() {
        assertThat(POLICY.check("a1b2".repeat(64), EMAIL)).isEqualTo(new Verdict.Acceptable());
        assertThat(rule(POLICY.check("a1b2".repeat(64) + "x", EMAIL))).isEqualTo(Rule.TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password1234",
                "PASSWORD1234",
                "qwertyuiop123",
                "123456789012",
                "Qwerty123456",
                "correcthorsebatterystaple",
                "iloveyou12345"
            })
    void commonPasswordsAreRejectedWhateverTheirCase(String common) {
        assertThat(rule(POLICY.check(common, EMAIL))).isEqualTo(Rule.COMMON);
    }

    @Test
    void theBundledListHasSeveralHundredEntriesOfAtLeastTwelveCharacters() {
        assertThat(POLICY.commonCount()).isGreaterThan(300);
    }

    @Test
    void theEmailAddressIsNotAPassword() {
        assertThat(rule(POLICY.check("Ann.Long@Example.com", "ann.long@example.com")))
                .isEqualTo(Rule.EQUALS_EMAIL);
    }

    @Test
    void noCompositionRules() {
        assertThat(POLICY.check("all lowercase words here", EMAIL))
                .isEqualTo(new Verdict.Acceptable());
    }

    @Test
    void messagesNeverEchoThePassword() {
        Verdict.Rejected rejected = (Verdict.Rejected) POLICY.check("short-secret", "short-secret");
        assertThat(rejected.message()).doesNotContain("short-secret");
    }
}
