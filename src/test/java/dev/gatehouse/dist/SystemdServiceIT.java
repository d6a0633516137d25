package dev.gatehouse.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.DebianPostgres15;
import dev.gatehouse.testing.ManagedPostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code dist/systemd/gatehouse.service}, unchanged, run by a real systemd ({@link PrivateSystemd})
 * after the install steps of {@code docs/service.md}: the packaged jar on this JDK 25 as user
 * {@code gatehouse}, inside the unit's sandbox, against Debian's PostgreSQL 15 as production runs.
 * It starts and answers {@code /healthz}, stops gracefully, restarts after failures until the start
 * limit and then waits for a person, and a process that ignores SIGTERM is killed 30 s into the
 * stop (that one case swaps the program for one that ignores SIGTERM, with a drop-in).
 *
 * <p>The unit is loaded from the manager's private unit folder rather than {@code
 * /etc/systemd/system}: see {@link PrivateSystemd} for why.
 */
class SystemdServiceIT {

    private static final String UNIT = "gatehouse.service";
    private static final Path JAR = Path.of("target", "gatehouse.jar").toAbsolutePath();

    private static PrivateSystemd systemd;

    @BeforeAll
    static void installAndBoot() throws IOException {
        PrivateSystemd.assumeAvailable();
        assertThat(JAR).as("failsafe runs after package").exists();
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(25);
        String install =
                """
                useradd --system --home-dir /var/lib/gatehouse --shell /usr/sbin/nologin gatehouse
                install -d -m 0755 /opt/gatehouse
                ln -s '%s' /opt/gatehouse/java
                install -m 0644 '%s' /opt/gatehouse/gatehouse.jar
                install -d -m 0750 -g gatehouse /etc/gatehouse
                install -m 0640 -g gatehouse /dev/null /etc/gatehouse/gatehouse.env
                """
                        .formatted(System.getProperty("java.home"), JAR);
        systemd = PrivateSystemd.boot(Path.of("target"), install);
        Files.copy(UnitFile.SERVICE, systemd.units().resolve(UNIT));
        systemd.systemctl("daemon-reload");
    }

    @AfterAll
    static void shutDown() {
        if (systemd != null) {
            systemd.close();
        }
    }

    @AfterEach
    void leaveTheUnitStoppedAndReset() throws IOException {
        systemd.inside("systemctl", "stop", UNIT);
        systemd.inside("systemctl", "reset-failed", UNIT);
        Path dropIns = systemd.units().resolve(UNIT + ".d");
        if (Files.exists(dropIns)) {
            try (var files = Files.list(dropIns)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dropIns);
            systemd.systemctl("daemon-reload");
        }
    }

    /**
     * Writes {@code settings} as {@code /etc/gatehouse/gatehouse.env}, root-owned, group gatehouse.
     */
    private static void environmentFile(Map<String, String> settings) throws IOException {
        Path staged = systemd.scratch().resolve("gatehouse.env");
        String text =
                settings.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + "\n")
                        .collect(Collectors.joining());
        Files.writeString(staged, text, StandardCharsets.UTF_8);
        Exec installed =
                systemd.inside(
                        "install",
                        "-m",
                        "0640",
                        "-g",
                        "gatehouse",
                        staged.toString(),
                        "/etc/gatehouse/gatehouse.env");
        assertThat(installed.status()).as(installed.toString()).isZero();
    }

    @Test
    void startsInItsSandboxAnswersHealthzAndStopsGracefully() throws Exception {
        ManagedPostgres postgres = DebianPostgres15.shared();
        Map<String, String> settings =
                new HashMap<>(postgres.environment(postgres.newOwner(), Map.of()));
        settings.remove("GATEHOUSE_ENV"); // the unit's default, production, applies
        environmentFile(settings);

        systemd.systemctl("start", UNIT);
        awaitHealthzUp(Integer.parseInt(settings.get("MANAGEMENT_PORT")), Duration.ofSeconds(180));

        String mainPid = systemd.show(UNIT, "MainPID").get("MainPID");
        String status = systemd.inside("cat", "/proc/" + mainPid + "/status").output();
        assertThat(systemd.inside("stat", "-c", "%U", "/proc/" + mainPid).output().strip())
                .isEqualTo("gatehouse");
        assertThat(status).contains("NoNewPrivs:\t1", "CapEff:\t0000000000000000", "Seccomp:\t2");
        assertThat(writtenBy("var/upper/log/gatehouse"))
                .as("LOG_PATH=/var/log/gatehouse, writable though the system is read-only")
                .anySatisfy(f -> assertThat(f).endsWith("App.log"));

        Instant stopping = Instant.now();
        systemd.systemctl("stop", UNIT);

        assertThat(Duration.between(stopping, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(systemd.show(UNIT, "ActiveState").get("ActiveState"))
                .as("Java's exit status 143 after SIGTERM is a stop, not a failure" + systemd.log())
                .isEqualTo("inactive");
        assertThat(systemd.journal(UNIT)).anyMatch(l -> l.contains("Graceful shutdown complete"));
    }

    private static void awaitHealthzUp(int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest healthz =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertThat(systemd.show(UNIT, "ActiveState").get("ActiveState"))
                    .as("Gatehouse stopped before /healthz said UP" + systemd.log())
                    .isIn("activating", "active");
            try {
                HttpResponse<String> up = http.send(healthz, HttpResponse.BodyHandlers.ofString());
                if (up.statusCode() == 200 && up.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            PrivateSystemd.pause(Duration.ofMillis(500));
        }
        throw new AssertionError("/healthz did not say UP within " + timeout + systemd.log());
    }

    private static List<String> writtenBy(String overlayPath) throws IOException {
        Path dir = systemd.scratch().resolve("overlay").resolve(overlayPath);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir)) {
            return files.map(Path::toString).toList();
        }
    }

    @Test
    void failuresRestartItFiveStartsInAllThenItWaitsForAPerson() throws IOException {
        // Production without its secrets: each start ends at once with status 1.
        environmentFile(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:9/gatehouse"));
        // The shipped 10 s between restarts is checked in SystemdUnitTest; here 2 s, so that the
        // five starts and the wait after them take seconds, not a minute, of the suite.
        Path dropIn = systemd.units().resolve(UNIT + ".d");
        Files.createDirectories(dropIn);
        Files.writeString(dropIn.resolve("restart-sooner.conf"), "[Service]\nRestartSec=2s\n");
        systemd.systemctl("daemon-reload");

        systemd.systemctl("start", UNIT);
        awaitState("failed", Duration.ofSeconds(150));
        PrivateSystemd.pause(Duration.ofSeconds(5)); // longer than RestartSec: nothing restarts it

        assertThat(systemd.show(UNIT, "ActiveState").get("ActiveState")).isEqualTo("failed");
        List<String> journal = systemd.journal(UNIT);
        assertThat(journal.stream().filter(l -> l.startsWith("[CONFIG ERROR] APP_KEY:")))
                .as("runs, each refused as production (the unit's default) without APP_KEY")
                .hasSize(5);
        assertThat(journal).anyMatch(l -> l.contains("Start request repeated too quickly"));

        // What docs/service.md tells the person to do once the cause is fixed.
        systemd.systemctl("reset-failed", UNIT);
        systemd.systemctl("start", UNIT);
        awaitRuns(6, Duration.ofSeconds(60));
    }

    private static long runs() {
        return systemd.journal(UNIT).stream()
                .filter(l -> l.startsWith("[CONFIG ERROR] APP_KEY:"))
                .count();
    }

    private static void awaitRuns(long runs, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (runs() < runs && Instant.now().isBefore(deadline)) {
            PrivateSystemd.pause(Duration.ofMillis(250));
        }
        assertThat(runs()).as("runs" + systemd.log()).isEqualTo(runs);
    }

    private static void awaitState(String state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<String, String> now = systemd.show(UNIT, "ActiveState");
            if (now.get("ActiveState").equals(state)) {
                return;
            }
            PrivateSystemd.pause(Duration.ofMillis(250));
        }
        throw new AssertionError(
                UNIT + " did not become " + state + " within " + timeout + systemd.log());
    }

    @Test
    void whatIgnoresSigtermIsKilledThirtySecondsIntoTheStop() throws IOException {
        environmentFile(Map.of());
        Path dropIn = systemd.units().resolve(UNIT + ".d");
        Files.createDirectories(dropIn);
        Files.writeString(
                dropIn.resolve("ignores-sigterm.conf"),
                """
                [Service]
                ExecStart=
                ExecStart=/bin/sh -c 'trap "" TERM; sleep infinity & exec sleep infinity'
                """);
        systemd.systemctl("daemon-reload");
        systemd.systemctl("start", UNIT);
        PrivateSystemd.pause(Duration.ofSeconds(1));
        assertThat(systemd.processesOf(UNIT)).hasSize(2);

        Instant stopping = Instant.now();
        systemd.systemctl("stop", UNIT);
        Duration took = Duration.between(stopping, Instant.now());

        assertThat(took).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(40));
        assertThat(systemd.show(UNIT, "ActiveState", "Result"))
                .containsEntry("ActiveState", "failed")
                .containsEntry("Result", "timeout");
        assertThat(systemd.processesOf(UNIT)).as("the child got SIGKILL too").isEmpty();
    }
}
