package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a node writes on its console: readable, redacted text in development with no warning but the
 * one about development secrets, and JSON lines in production.
 */
class ConsoleLogIT {

    private static final String API_KEY = "gk_" + "Zz9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF9eD8cB7aZ6y";
    private static final Pattern TEXT_EVENT =
            Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) .*");

    @TempDir Path workDir;

    @Test
    void aDevelopmentNodeLogsReadableRedactedTextAndWarnsOnlyAboutItsSecrets() {
        // What `./mvnw spring-boot:run` starts: no configuration, embedded PostgreSQL.
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        env.put("GATEHOUSE_DATA_DIR", workDir.resolve("data").toString());
        CapturedLogs.letTheNextNodeConfigureLogging();
        List<String> console;
        try (CapturedLogs logs = CapturedLogs.start();
                TestNode node = TestNode.startWith(env)) {
            LoggerFactory.getLogger("dev.gatehouse.Careless").info("key {}", API_KEY);
            console = logs.consoleLines();
        }

        List<String> events =
                console.stream().filter(l -> TEXT_EVENT.matcher(l).matches()).toList();
        assertThat(events)
                .anyMatch(l -> l.contains("Tomcat started on port"))
                .anyMatch(l -> l.endsWith("dev.gatehouse.Careless: key [redacted]"));
        assertThat(console).noneMatch(l -> l.startsWith("{")).noneMatch(l -> l.contains(API_KEY));
        assertThat(events.stream().filter(l -> l.contains(" WARN ")))
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l)
                                        .contains(
                                                "FirstBoot: Development secrets in use for"
                                                        + " [APP_KEY, CREDENTIAL_ENC_KEY,"
                                                        + " TOKEN_HMAC_SECRET]"));
        assertThat(console).noneMatch(l -> l.startsWith("WARNING"));
    }

    @Test
    void aProductionNodeLogsJsonLines() {
        CapturedLogs.letTheNextNodeConfigureLogging();
        List<String> console;
        try (CapturedLogs logs = CapturedLogs.start();
                TestNode node = TestNode.start(Map.of("GATEHOUSE_ENV", "production"))) {
            LoggerFactory.getLogger("dev.gatehouse.Careless").info("key {}", API_KEY);
            console = logs.consoleLines();
        }

        List<String> started =
                console.stream().filter(l -> l.contains("Tomcat started on port")).toList();
        assertThat(started).isNotEmpty();
        assertThat(started)
                .allSatisfy(
                        l ->
                                assertThat(new JsonMapper().readTree(l).get("level").asString())
                                        .isEqualTo("INFO"));
        assertThat(console)
                .filteredOn(l -> l.contains("dev.gatehouse.Careless"))
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(new JsonMapper().readTree(l).get("msg").asString())
                                        .isEqualTo("key [redacted]"));
    }
}
