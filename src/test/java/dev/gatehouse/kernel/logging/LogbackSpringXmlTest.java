package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.mock.env.MockEnvironment;

import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the real logback-spring.xml through Spring Boot's logging system, without an application
 * context.
 */
class LogbackSpringXmlTest {

    private static final String API_KEY = "gk_" + "Zz9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF9eD8cB7aZ6y";

    private final LogbackLoggingSystem system =
            new LogbackLoggingSystem(getClass().getClassLoader());
    private final PrintStream stdout = System.out;

    @TempDir Path dir;

    @AfterEach
    void resetLogging() {
        System.setOut(stdout);
        system.cleanUp();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    @Test
    void withALogPathLinesGoToStdoutAndDailyComponentFilesMaskedAndLibrariesQuieted()
            throws IOException {
        initialize(
                new MockEnvironment()
                        .withProperty("gatehouse.log.path", dir.toString())
                        .withProperty("gatehouse.log.retention-days", "7"));
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

        // Connect Domain's component comes from its ProductModule, found without Spring.
        LoggerFactory.getLogger("dev.gatehouse.domains.Cycle").info("synced with key {}", API_KEY);
        Logger tomcat = LoggerFactory.getLogger("org.apache.catalina.core.StandardService");
        tomcat.info("chatty startup line");
        tomcat.warn("a warning worth keeping");

        String console = captured.toString(StandardCharsets.UTF_8);
        assertThat(console.lines().map(l -> new JsonMapper().readTree(l).get("msg").asString()))
                .containsExactly("synced with key [redacted]", "a warning worth keeping");
        List<Path> files = files();
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("Domains.log", "App.log");
        String all = Files.readString(files.get(0)) + Files.readString(files.get(1));
        assertThat(all)
                .contains("synced with key [redacted]", "a warning worth keeping")
                .doesNotContain(API_KEY, "chatty startup line");
    }

    @Test
    void withoutALogPathTheFileAppenderRunsIdle() throws IOException {
        initialize(new MockEnvironment());

        LoggerFactory.getLogger("dev.gatehouse.gateway.Proxy").info("console only");

        var root =
                ((LoggerContext) LoggerFactory.getILoggerFactory())
                        .getLogger(Logger.ROOT_LOGGER_NAME);
        var files = (DailyComponentFileAppender) root.getAppender("FILES");
        assertThat(files.isStarted()).isTrue();
        assertThat(files.openWriters()).isZero();
        assertThat(files()).isEmpty();
    }

    @Test
    void theConsoleIsJsonByDefaultAndReadableRedactedTextWhenSetSoWhileFilesStayJson()
            throws IOException {
        initialize(new MockEnvironment());
        var json = new ByteArrayOutputStream();
        System.setOut(new PrintStream(json, true, StandardCharsets.UTF_8));
        LoggerFactory.getLogger("dev.gatehouse.Some").info("default with key {}", API_KEY);
        String jsonLine = json.toString(StandardCharsets.UTF_8).strip();
        assertThat(new JsonMapper().readTree(jsonLine).get("msg").asString())
                .isEqualTo("default with key [redacted]");

        resetLogging();
        initialize(
                new MockEnvironment()
                        .withProperty("gatehouse.log.console", "text")
                        .withProperty("gatehouse.log.path", dir.toString()));
        var text = new ByteArrayOutputStream();
        System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        LoggerFactory.getLogger("dev.gatehouse.Some").warn("text with key {}", API_KEY);

        String textLine = text.toString(StandardCharsets.UTF_8).strip();
        assertThat(textLine)
                .doesNotStartWith("{")
                .contains(" WARN  [" + Thread.currentThread().getName() + "] ")
                .endsWith("dev.gatehouse.Some: text with key [redacted]")
                .doesNotContain(API_KEY);
        String file = Files.readString(files().get(0));
        assertThat(new JsonMapper().readTree(file.strip()).get("msg").asString())
                .isEqualTo("text with key [redacted]");
    }

    private void initialize(MockEnvironment environment) {
        system.beforeInitialize();
        system.initialize(
                new LoggingInitializationContext(environment),
                "classpath:logback-spring.xml",
                null);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
