package dev.gatehouse.kernel.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.junit.jupiter.api.Test;

class RevealedSecretTest {

    @Test
    void printsAsRedacted() {
        try (RevealedSecret secret = new RevealedSecret("hunter2".getBytes(UTF_8))) {
            assertThat(secret.toString()).isEqualTo("[redacted]");
            assertThat(String.valueOf(new Opened.Revealed(secret))).doesNotContain("hunter2");
        }
    }

    @Test
    void closeZeroesTheBytesAndRefusesFurtherReads() {
        byte[] owned = "hunter2".getBytes(UTF_8);
        RevealedSecret secret = new RevealedSecret(owned);
        secret.close();

        assertThat(owned).containsOnly(0);
        assertThat(secret.isClosed()).isTrue();
        assertThatThrownBy(secret::asString).hasMessage("revealed secret already closed");
        assertThatThrownBy(secret::bytes).hasMessage("revealed secret already closed");
    }

    @Test
    void bytesReturnsACopy() {
        try (RevealedSecret secret = new RevealedSecret("abc".getBytes(UTF_8))) {
            secret.bytes()[0] = 'z';
            assertThat(secret.asString()).isEqualTo("abc");
            assertThat(secret.contentEquals("abc".getBytes(UTF_8))).isTrue();
            assertThat(secret.contentEquals("abd".getBytes(UTF_8))).isFalse();
        }
    }
}
