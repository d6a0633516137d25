package dev.gatehouse.kernel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    static final Passwords CURRENT = new Passwords();

    @Test
    void hashesAreArgon2idWithTheOwaspParametersRecorded() {
        String hash = CURRENT.hash("a long enough passphrase");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(CURRENT.matches("a long enough passphrase", hash)).isTrue();
        assertThat(CURRENT.matches("a long enough passphrasE", hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(CURRENT.hash("same password here"))
                .isNotEqualTo(CURRENT.hash("same password here"));
    }

    @Test
    void weakerStoredParametersNeedARehash() {
        String weak =
                new Passwords(new Passwords.Parameters(4096, 1, 1))
                        .hash("a long enough passphrase");
        assertThat(CURRENT.needsRehash(weak)).isTrue();
        assertThat(CURRENT.matches("a long enough passphrase", weak)).isTrue();
        assertThat(CURRENT.needsRehash(CURRENT.hash("a long enough passphrase"))).isFalse();
    }

    @Test
    void fewerIterationsAloneNeedARehash() {
        assertThat(CURRENT.needsRehash("$argon2id$v=19$m=19456,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA"))
                .isTrue();
        assertThat(CURRENT.needsRehash("$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaA"))
                .isFalse();
    }

    @Test
    void otherAlgorithmsAndGarbageNeedARehashAndNeverMatch() {
        assertThat(CURRENT.needsRehash("$argon2i$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA")).isTrue();
        assertThat(CURRENT.needsRehash("$2a$10$abcdefghijklmnopqrstuv")).isTrue();
        assertThat(CURRENT.matches("anything at all", "not a hash")).isFalse();
    }

    @Test
    void aCheckForNoAccountFailsEvenWithTheDummyHashsOwnPassword() {
        assertThat(CURRENT.matchesNoAccount("no account has this password")).isFalse();
        assertThat(CURRENT.matchesNoAccount("anything at all")).isFalse();
    }
}
