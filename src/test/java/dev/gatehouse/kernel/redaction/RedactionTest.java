package dev.gatehouse.kernel.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

/**
 * Masking skips a pattern when its marker is absent; these cases check that no spelling the
 * patterns match slips past the markers (upper and mixed case, separators), and that ordinary text
 * comes back as it was.
 */
class RedactionTest {

    static final SecretShape TOKEN = SecretShape.prefixed("tok_", "(?<![A-Za-z0-9])tok_[a-z]{8,}");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AUTHORIZATION: Bearer abc.def",
                "Proxy-Authorization: Basic dXNlcjpwYXNz",
                "X-API-KEY: 0123456789",
                "Set-Cookie: session=abc",
                "COOKIE=abc",
                "PassWord=hunter2",
                "db_PASSWD: hunter2",
                "client_Secret=s3cr3t",
                "refresh-TOKEN: abc",
                "x_Api_Key=zzz",
                "Api-Key: zzz",
                "APIKEY=zzz",
                "\"Credential\": \"zzz\"",
            })
    void everySpellingOfASecretNameIsMasked(String text) {
        String masked = Redaction.maskSecrets(text, List.of());
        assertThat(masked).contains(Redaction.MASK);
        String value = text.substring(text.length() - 3);
        assertThat(masked).doesNotContain(value);
    }

    @Test
    void keysJwtsAndProductShapesAreMaskedWhereverTheyStand() {
        String key = "gk_" + "A1b2C3d4E5f6G7h8";
        String jwt = "eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl";
        String token = "tok_abcdefghij";
        String masked =
                Redaction.maskSecrets(
                        "key " + key + " then (" + jwt + ") and " + token + ".", List.of(TOKEN));
        assertThat(masked)
                .isEqualTo(
                        "key "
                                + Redaction.MASK
                                + " then ("
                                + Redaction.MASK
                                + ") and "
                                + Redaction.MASK
                                + ".");
    }

    @Test
    void aProductShapeRunsOnlyWhereItsMarkerIs() {
        // the pattern would match "TOK_…" in upper case only if asked; its marker says it cannot
        SecretShape upper = SecretShape.prefixed("TOK_", "TOK_[A-Z]{4,}");
        assertThat(Redaction.maskSecrets("see TOK_ABCDEF", List.of(upper)))
                .isEqualTo("see " + Redaction.MASK);
        assertThat(Redaction.maskSecrets("see tok_abcdefgh", List.of(upper)))
                .isEqualTo("see tok_abcdefgh");
    }

    @Test
    void ordinaryTextComesBackUnchanged() {
        Random random = new Random(20261207);
        String alphabet =
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /:,.{}\"_-";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            // random text of this alphabet almost never spells a marker; when it does, skip it
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (List.of("gk_", "eyj", "token", "cookie", "secret", "passw", "apikey", "api_key")
                    .stream()
                    .anyMatch(lower::contains)) {
                continue;
            }
            assertThat(Redaction.maskSecrets(text, List.of(TOKEN))).isSameAs(text);
        }
    }

    @Test
    void aShapeNeedsAMarker() {
        assertThatThrownBy(() -> SecretShape.prefixed("", "x+"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marker");
    }
}
