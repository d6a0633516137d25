package dev.gatehouse.kernel.logging;

import static dev.gatehouse.kernel.logging.LogEvents.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

class DailyComponentFileAppenderTest {

    private static final Instant DAY1 = Instant.parse("2026-11-25T23:59:59.900Z");
    private static final Instant DAY2 = Instant.parse("2026-11-26T00:00:00.100Z");
    private static final List<String> ONE_LOGGER_PER_COMPONENT =
            List.of(
                    "dev.gatehouse.kernel.A",
                    "dev.gatehouse.domains.B",
                    "dev.gatehouse.gateway.C",
                    "dev.gatehouse.erpsync.D",
                    "dev.gatehouse.licensing.E",
                    "dev.gatehouse.portal.F",
                    "org.example.G",
                    "com.zaxxer.hikari.H");

    /** Five products' components: with the kernel's and App, seven files a day at most. */
    private static final List<LogComponent> PRODUCTS =
            List.of(
                    new LogComponent("Domains", "dev.gatehouse.domains"),
                    new LogComponent("Gateway", "dev.gatehouse.gateway"),
                    new LogComponent("Sync", "dev.gatehouse.erpsync"),
                    new LogComponent("Licensing", "dev.gatehouse.licensing"),
                    new LogComponent("Portal", "dev.gatehouse.portal"));

    @TempDir Path root;

    private final JsonMapper mapper = new JsonMapper();
    private final List<DailyComponentFileAppender> started = new ArrayList<>();

    @AfterEach
    void stopAppenders() {
        started.forEach(DailyComponentFileAppender::stop);
    }

    @Test
    void eventsOfTwoDaysLandInTwoDayFoldersWithOneFilePerComponent() throws IOException {
        var appender = start(root.toString(), DAY1);

        appender.doAppend(event("dev.gatehouse.kernel.keys.KeyIssuer", DAY1, "issued"));
        appender.doAppend(
                event("dev.gatehouse.erpsync.Cycle", DAY1, "key gk_AAAAbbbbCCCCdddd1234 synced"));
        appender.doAppend(event("org.springframework.Boot", DAY1, "started"));
        appender.doAppend(event("dev.gatehouse.gateway.Proxy", DAY2, "proxied"));

        assertThat(files())
                .containsExactly(
                        "2026-11-25/App.log",
                        "2026-11-25/Kernel.log",
                        "2026-11-25/Sync.log",
                        "2026-11-26/Gateway.log");
        assertThat(messages("2026-11-25/Sync.log")).containsExactly("key [redacted] synced");
        assertThat(messages("2026-11-26/Gateway.log")).containsExactly("proxied");
    }

    @Test
    void rolloverClosesEveryWriterOfThePreviousDay() {
        var appender = start(root.toString(), DAY1);
        ONE_LOGGER_PER_COMPONENT.forEach(logger -> appender.doAppend(event(logger, DAY1, "x")));
        assertThat(appender.openWriters()).isEqualTo(7);

        appender.doAppend(event("dev.gatehouse.portal.Pages", DAY2, "y"));

        assertThat(appender.openWriters()).isOne();
    }

    @Test
    void openWritersStayBoundedAndOldDaysAreDeletedOverALongUptime() throws IOException {
        var appender = new DailyComponentFileAppender();
        appender.setRetentionDays(3);
        start(appender, root.toString(), DAY1);

        for (int day = 0; day < 200; day++) {
            Instant at = DAY1.plus(Duration.ofDays(day));
            ONE_LOGGER_PER_COMPONENT.forEach(
                    logger -> appender.doAppend(event(logger, at, "tick")));
            assertThat(appender.openWriters()).isLessThanOrEqualTo(7);
        }

        assertThat(dayFolders()).containsExactly("2027-06-10", "2027-06-11", "2027-06-12");
    }

    @Test
    void oldestDaysAreDeletedWhenTheTotalSizePassesTheCap() throws IOException {
        var appender = new DailyComponentFileAppender();
        appender.setMaxTotalMb(1);
        start(appender, root.toString(), DAY1);
        String kilobyte = "lorem ipsum dolor sit amet ".repeat(37);

        for (int day = 0; day < 6; day++) {
            Instant at = DAY1.plus(Duration.ofDays(day));
            for (int i = 0; i < 400; i++) {
                appender.doAppend(event("dev.gatehouse.gateway.Proxy", at, kilobyte));
            }
        }

        assertThat(dayFolders())
                .doesNotContain("2026-11-25", "2026-11-26", "2026-11-27")
                .contains("2026-11-29", "2026-11-30");
        assertThat(totalBytes()).isLessThan(1024L * 1024L * 11 / 10);
    }

    @Test
    void expiredDayFoldersAreDeletedAtStartWithoutAnyEvent() throws IOException {
        Files.createDirectories(root.resolve("2026-10-01"));
        Files.createDirectories(root.resolve("2026-11-24"));
        var appender = new DailyComponentFileAppender();
        appender.setRetentionDays(2);

        start(appender, root.toString(), DAY1);

        assertThat(dayFolders()).containsExactly("2026-11-24");
    }

    @Test
    void aLateEventOfThePreviousDayGoesToTheCurrentDayWithoutReopeningTheOldOne()
            throws IOException {
        var appender = start(root.toString(), DAY1);
        appender.doAppend(event("dev.gatehouse.gateway.Proxy", DAY2, "new day"));

        appender.doAppend(event("dev.gatehouse.kernel.Late", DAY1, "late"));

        assertThat(files()).containsExactly("2026-11-26/Gateway.log", "2026-11-26/Kernel.log");
        assertThat(appender.openWriters()).isEqualTo(2);
    }

    @Test
    void aBlankPathWritesNothingAndOpensNothing() throws IOException {
        var appender = start("  ", DAY1);

        appender.doAppend(event("dev.gatehouse.gateway.Proxy", DAY1, "dropped"));

        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.openWriters()).isZero();
        assertThat(Path.of("2026-11-25")).doesNotExist();
        assertThat(files()).isEmpty();
    }

    @Test
    void concurrentWritersProduceWholeLinesOnly() throws Exception {
        var appender = start(root.toString(), DAY1);
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String logger =
                        t % 2 == 0 ? "dev.gatehouse.gateway.Proxy" : "dev.gatehouse.portal.Pages";
                done.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < 500; i++) {
                                        appender.doAppend(
                                                event(
                                                        logger,
                                                        DAY1,
                                                        "line \""
                                                                + i
                                                                + "\"\n"
                                                                + "tail words ".repeat(20)));
                                    }
                                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertThat(messages("2026-11-25/Gateway.log")).hasSize(2000);
        assertThat(messages("2026-11-25/Portal.log"))
                .hasSize(2000)
                .allMatch(m -> m.startsWith("line \""));
    }

    @Test
    void outOfRangeSettingsAreRefusedWithTheValue() {
        var appender = new DailyComponentFileAppender();

        assertThatThrownBy(() -> appender.setRetentionDays(0))
                .hasMessage("retentionDays must be between 1 and 3650, was 0");
        assertThatThrownBy(() -> appender.setRetentionDays(3651))
                .hasMessage("retentionDays must be between 1 and 3650, was 3651");
        assertThatThrownBy(() -> appender.setMaxTotalMb(0))
                .hasMessage("maxTotalMb must be between 1 and 1048576, was 0");
        assertThatThrownBy(() -> appender.setMaxTotalMb(1_048_577))
                .hasMessage("maxTotalMb must be between 1 and 1048576, was 1048577");
    }

    private DailyComponentFileAppender start(String path, Instant now) {
        return start(new DailyComponentFileAppender(), path, now);
    }

    private DailyComponentFileAppender start(
            DailyComponentFileAppender appender, String path, Instant now) {
        appender.setContext(LogEvents.CONTEXT);
        appender.setComponents(PRODUCTS);
        appender.setPath(path);
        appender.setClock(Clock.fixed(now, ZoneOffset.UTC));
        appender.start();
        started.add(appender);
        return appender;
    }

    private List<String> messages(String file) throws IOException {
        return Files.readAllLines(root.resolve(file)).stream()
                .map(line -> mapper.readTree(line).get("msg").asString())
                .toList();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private List<String> dayFolders() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private long totalBytes() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
