package dev.gatehouse.kernel.logging;

import static dev.gatehouse.kernel.logging.LogEvents.NOON;
import static dev.gatehouse.kernel.logging.LogEvents.event;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;

import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class RedactingJsonEncoderTest {

    private static final String API_KEY = "gk_" + "Ab3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9w";

    /** A secret of an installed product (Connect Domain's webhook secret), masked by its shape. */
    private static final String PRODUCT_SECRET =
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/8Vh+b8Ni0c=";

    private static final String JWT =
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZW5hbnQtNDIifQ.Xk9c2vB7nQ1wE4rT6yU8iO0pA3sD5fG7hJ9kL1zX";
    private static final String BEARER = "Bt0kenValue0987654321";
    private static final String PASSWORD = "hunter2-Correct-Horse";
    private static final List<String> SECRETS =
            List.of(
                    API_KEY,
                    API_KEY.substring(3),
                    PRODUCT_SECRET,
                    PRODUCT_SECRET.substring(6),
                    JWT,
                    JWT.substring(JWT.lastIndexOf('.') + 1),
                    BEARER,
                    PASSWORD);

    private final RedactingJsonEncoder encoder = new RedactingJsonEncoder();
    private final JsonMapper mapper = new JsonMapper();

    @Test
    void carelessMessageArgumentsAreMaskedAndTheRestOfTheMessageKept() {
        String line =
                encode(
                        event(
                                "dev.gatehouse.gateway.Proxy",
                                "key {} token {} jwt {} login password={} done; Authorization:"
                                        + " Bearer {}",
                                API_KEY,
                                PRODUCT_SECRET,
                                JWT,
                                PASSWORD,
                                BEARER));

        assertNoSecret(line);
        String msg = parse(line).get("msg").asString();
        assertThat(msg)
                .isEqualTo(
                        "key [redacted] token [redacted] jwt [redacted] login password=[redacted]"
                                + " done; Authorization: [redacted]");
    }

    @Test
    void exceptionMessageCauseAndStackAreMaskedLineByLine() {
        var cause = new IllegalStateException("upstream refused Authorization: Bearer " + BEARER);
        var error = new IllegalArgumentException("bad key " + API_KEY + " for tenant 42", cause);

        String line =
                encode(
                        event(
                                "dev.gatehouse.kernel.keys.KeyIssuer",
                                NOON,
                                error,
                                Map.of(),
                                "verify failed"));

        assertNoSecret(line);
        JsonNode json = parse(line).get("error");
        assertThat(json.get("type").asString()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(json.get("message").asString()).isEqualTo("bad key [redacted] for tenant 42");
        assertThat(json.get("stack").asString())
                .contains("at dev.gatehouse.kernel.logging.RedactingJsonEncoderTest")
                .contains(
                        "Caused by: java.lang.IllegalStateException: upstream refused"
                                + " Authorization: [redacted]");
    }

    @Test
    void mdcValuesAreMaskedAndValuesUnderSecretNamesReplacedWhole() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("ref", "req-7f3a");
        mdc.put("tenant", "acme " + API_KEY);
        mdc.put("apiKey", "plain-looking-value");
        mdc.put("level", "not-the-level");

        String line = encode(event("dev.gatehouse.portal.Pages", NOON, null, mdc, "page served"));

        assertNoSecret(line);
        assertThat(line).doesNotContain("plain-looking-value");
        JsonNode json = parse(line);
        assertThat(json.get("ref").asString()).isEqualTo("req-7f3a");
        assertThat(json.get("tenant").asString()).isEqualTo("acme [redacted]");
        assertThat(json.get("apiKey").asString()).isEqualTo("[redacted]");
        assertThat(json.get("level").asString()).isEqualTo("INFO");
        assertThat(json.get("mdc.level").asString()).isEqualTo("not-the-level");
    }

    @Test
    void keyValuePairsAreWrittenAsFieldsAndMasked() {
        LoggingEvent event = event("dev.gatehouse.erpsync.Cycle", "cycle done");
        event.addKeyValuePair(new KeyValuePair("key", API_KEY));

        String line = encode(event);

        assertNoSecret(line);
        assertThat(parse(line).get("key").asString()).isEqualTo("[redacted]");
    }

    @Test
    void fixedFieldsCarryUtcTimestampLevelLoggerThreadAndOmitAbsentRefAndError() {
        JsonNode json =
                parse(encode(event("dev.gatehouse.domains.Dns", "checked {}", "example.com")));

        assertThat(json.get("ts").asString()).isEqualTo("2026-11-25T12:00:00.123Z");
        assertThat(json.get("level").asString()).isEqualTo("INFO");
        assertThat(json.get("logger").asString()).isEqualTo("dev.gatehouse.domains.Dns");
        assertThat(json.get("thread").asString()).isEqualTo("worker-1");
        assertThat(json.get("msg").asString()).isEqualTo("checked example.com");
        assertThat(json.has("ref")).isFalse();
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void awkwardCharactersRoundTripThroughOneValidJsonLine() {
        String message =
                "say \"hi\" \\ path C:\\tmp\nsecond\tline\r\u0000\u0001\u001f end é 中文 😀 \u2028 /";

        byte[] bytes = encoder.encode(event("dev.gatehouse.gateway.Proxy", message));

        String line = new String(bytes, StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r", "\u0000", "\t");
        assertThat(parse(line).get("msg").asString()).isEqualTo(message);
    }

    @Test
    void aLoneSurrogateStillGivesValidUtf8Json() {
        String line = encode(event("dev.gatehouse.gateway.Proxy", "broken \uD83D tail"));

        assertThat(parse(line).get("msg").asString()).startsWith("broken ").endsWith(" tail");
    }

    private String encode(ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private JsonNode parse(String line) {
        return mapper.readTree(line);
    }

    private void assertNoSecret(String line) {
        String decoded = parse(line).toString();
        for (String secret : SECRETS) {
            assertThat(line).as("raw line").doesNotContain(secret);
            assertThat(decoded).as("decoded line").doesNotContain(secret);
        }
        assertThat(line).contains("[redacted]");
    }
}
