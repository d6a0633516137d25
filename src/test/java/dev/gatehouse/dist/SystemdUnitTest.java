package dev.gatehouse.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dist/systemd/gatehouse.service} as systemd's own analyzer reads it ({@code systemd-analyze
 * verify} and {@code security --offline}), and the settings its restart and stop policy rest on.
 * {@code SystemdServiceIT} runs the same file in a real systemd.
 *
 * <p>{@code verify} checks that ExecStart's program exists, so the copy it reads names this JVM's
 * {@code java} instead of {@code /opt/gatehouse/java/bin/java}; nothing else is changed.
 */
class SystemdUnitTest {

    private static final String INSTALLED_JAVA = "/opt/gatehouse/java/bin/java";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir Path dir;

    @BeforeAll
    static void systemdAnalyzeIsInstalled() {
        assumeTrue(
                Exec.onPath("systemd-analyze"),
                "systemd-analyze is not installed (Debian package systemd): the unit is not"
                        + " checked");
    }

    private Path copyForThisMachine(String unitText) throws IOException {
        String thisJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(unitText).contains("ExecStart=" + INSTALLED_JAVA + " ");
        Path copy = dir.resolve("gatehouse.service");
        Files.writeString(copy, unitText.replace(INSTALLED_JAVA, thisJava), StandardCharsets.UTF_8);
        return copy;
    }

    private static String shipped() throws IOException {
        return Files.readString(UnitFile.SERVICE, StandardCharsets.UTF_8);
    }

    private static Exec verify(Path unit) {
        return Exec.run(TIMEOUT, "systemd-analyze", "verify", "--man=no", unit.toString());
    }

    @Test
    void systemdFindsNothingToSayAboutTheUnit() throws IOException {
        Exec verify = verify(copyForThisMachine(shipped()));

        assertThat(verify.status()).as(verify.toString()).isZero();
        assertThat(verify.output()).as(verify.toString()).isBlank();
    }

    @Test
    void verifyWouldReportAMisspelledSetting() throws IOException {
        Exec verify =
                verify(copyForThisMachine(shipped().replace("\nRestartSec=", "\nRestartSecs=")));

        assertThat(verify.output())
                .as(verify.toString())
                .containsPattern("Unknown key (name )?'RestartSecs' in section \\[?'?Service");
    }

    @Test
    void theSandboxLeavesLittleExposed() throws IOException {
        Exec security =
                Exec.run(
                        TIMEOUT,
                        "systemd-analyze",
                        "security",
                        "--offline=true",
                        "--no-pager",
                        copyForThisMachine(shipped()).toString());

        Matcher overall =
                Pattern.compile("Overall exposure level for gatehouse\\.service: (\\d+\\.\\d)")
                        .matcher(security.output());
        assertThat(overall.find()).as(security.toString()).isTrue();
        // 10 is an unsandboxed service; the unit as written scores 1.7 on systemd 252.
        assertThat(Double.parseDouble(overall.group(1)))
                .as(security.toString())
                .isLessThanOrEqualTo(2.0);
    }

    @Test
    void aFailureRestartsAfterTenSecondsFiveStartsInHalfAnHourThenAPersonDecides() {
        UnitFile unit = UnitFile.read(UnitFile.SERVICE);

        assertThat(unit.value("Service", "Restart")).isEqualTo("on-failure");
        assertThat(UnitFile.span(unit.value("Service", "RestartSec"))).hasSeconds(10);
        assertThat(unit.value("Unit", "StartLimitBurst")).isEqualTo("5");
        assertThat(UnitFile.span(unit.value("Unit", "StartLimitIntervalSec")))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(unit.values("Unit", "StartLimitAction")).isEmpty();
    }

    @Test
    void aStopIsSigtermToJavaThirtySecondsOfGraceThenSigkill() {
        UnitFile unit = UnitFile.read(UnitFile.SERVICE);

        assertThat(UnitFile.span(unit.value("Service", "TimeoutStopSec"))).hasSeconds(30);
        assertThat(unit.values("Service", "KillSignal")).isEmpty();
        assertThat(unit.value("Service", "KillMode")).isEqualTo("mixed");
        assertThat(unit.value("Service", "SuccessExitStatus")).isEqualTo("143");
        assertThat(unit.value("Service", "ExecStart"))
                .contains("-Dspring.lifecycle.timeout-per-shutdown-phase=20s");
    }

    @Test
    void theJarRunsOnTheInstalledJdkAsGatehouseWithTheEnvironmentFile() {
        UnitFile unit = UnitFile.read(UnitFile.SERVICE);

        assertThat(unit.value("Service", "User")).isEqualTo("gatehouse");
        assertThat(unit.value("Service", "EnvironmentFile"))
                .isEqualTo("/etc/gatehouse/gatehouse.env");
        assertThat(unit.value("Service", "ExecStart"))
                .startsWith(INSTALLED_JAVA + " ")
                .endsWith(" -jar /opt/gatehouse/gatehouse.jar serve");
        assertThat(unit.value("Service", "WorkingDirectory")).isEqualTo("/var/lib/gatehouse");
    }

    @Test
    void onlyTheDataAndLogFoldersAreWritableAndTheJitStillWorks() {
        UnitFile unit = UnitFile.read(UnitFile.SERVICE);

        assertThat(unit.value("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value("Service", "ReadWritePaths"))
                .isEqualTo("/var/lib/gatehouse /var/log/gatehouse");
        assertThat(unit.value("Service", "StateDirectory")).isEqualTo("gatehouse");
        assertThat(unit.value("Service", "LogsDirectory")).isEqualTo("gatehouse");
        assertThat(unit.values("Service", "Environment"))
                .contains("GATEHOUSE_DATA_DIR=/var/lib/gatehouse", "LOG_PATH=/var/log/gatehouse");
        assertThat(unit.value("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.value("Service", "PrivateTmp")).isEqualTo("yes");
        // The JVM's just-in-time compiler needs memory that is written, then executed.
        assertThat(unit.values("Service", "MemoryDenyWriteExecute")).isEmpty();
    }
}
