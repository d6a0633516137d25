package dev.gatehouse.kernel.logging;

import static dev.gatehouse.kernel.logging.LogEvents.NOON;
import static dev.gatehouse.kernel.logging.LogEvents.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

class RedactingTextEncoderTest {

    private static final String API_KEY = "gk_" + "Ab3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9w";
    private static final String PASSWORD = "hunter2-Correct-Horse";

    private final RedactingTextEncoder encoder = new RedactingTextEncoder();

    private String encode(ch.qos.logback.classic.spi.ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void oneReadableLineWithLevelThreadLoggerAndMaskedMessage() {
        String line =
                encode(
                        event(
                                "dev.gatehouse.kernel.operator.FirstBoot",
                                "key {} and password={}",
                                API_KEY,
                                PASSWORD));

        assertThat(line)
                .matches(
                        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[worker-1\\] "
                                + "d\\.g\\.kernel\\.operator\\.FirstBoot: "
                                + "key \\[redacted\\] and password=\\[redacted\\]\n")
                .doesNotStartWith("{");
    }

    @Test
    void contextFieldsFollowAsKeyValueAndSecretNamedOnesAreReplacedWhole() {
        String line =
                encode(
                        event(
                                "dev.gatehouse.Some",
                                NOON,
                                null,
                                Map.of("ref", "req_123", "password", "anything at all"),
                                "done"));

        assertThat(line).contains(" ref=req_123", " password=[redacted]");
        assertThat(line).doesNotContain("anything at all");
    }

    @Test
    void aLineBreakInAMessageCannotForgeASecondEvent() {
        String line =
                encode(
                        event(
                                "dev.gatehouse.Some",
                                "name {}",
                                "x\n04:00:00.000 WARN  [main] forged"));

        assertThat(line.strip().lines()).hasSize(1);
        assertThat(line).contains("name x\\n04:00:00.000 WARN");
    }

    @Test
    void stackTraceLinesFollowIndentedAndMasked() {
        var error = new IllegalArgumentException("bad key " + API_KEY + "\nsecond line");

        String text = encode(event("dev.gatehouse.Some", NOON, error, Map.of(), "failed"));

        assertThat(text).doesNotContain(API_KEY);
        var lines = text.strip().lines().toList();
        assertThat(lines.get(1))
                .isEqualTo("\tjava.lang.IllegalArgumentException: bad key [redacted]");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("\t"));
        assertThat(text).contains("\tat dev.gatehouse.kernel.logging.RedactingTextEncoderTest");
    }

    @Test
    void theConsoleEncoderIsJsonUnlessToldTextAndRefusesOtherFormats() {
        var console = new ConsoleEncoder();
        assertThat(console.delegate()).isInstanceOf(RedactingJsonEncoder.class);
        console.setFormat("text");
        assertThat(console.delegate()).isInstanceOf(RedactingTextEncoder.class);
        console.setFormat("json");
        assertThat(console.delegate()).isInstanceOf(RedactingJsonEncoder.class);
        assertThatThrownBy(() -> console.setFormat("pretty"))
                .hasMessage("console log format must be json or text, was \"pretty\"");
    }
}
