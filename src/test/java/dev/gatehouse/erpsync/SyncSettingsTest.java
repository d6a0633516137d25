package dev.gatehouse.erpsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.config.ConfigProblem;
import dev.gatehouse.kernel.config.InvalidConfiguration;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sync's settings: SageConnect's defaults, floors and order, every problem named at once. */
class SyncSettingsTest {

    @TempDir Path dir;

    private SyncSettings load(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(overrides);
        env.put("GATEHOUSE_DATA_DIR", dir.resolve("data").toString());
        Settings s = new SettingsLoader(new SecureRandom()).load(env, dir);
        return s.section(SyncSettings.class);
    }

    private List<String> refused(Map<String, String> overrides) {
        try {
            load(overrides);
        } catch (InvalidConfiguration e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("accepted: " + overrides);
    }

    @Test
    void theDefaultsAreSageConnects() {
        SyncSettings s = load(Map.of());
        assertThat(s.portalHttpTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.stepTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.childProcessTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofMinutes(14));
        assertThat(s.retryLookbackDays()).isEqualTo(30);
        assertThat(s.retryIntervalPayment()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.retryIntervalPurchaseOrder()).isEqualTo(Duration.ofMinutes(240));
        assertThat(s.importerPrograms()).isEmpty();
        assertThat(s.allowPrivatePortal()).as("development").isTrue();
        assertThat(s.portalConcurrency()).isEqualTo(4);
        assertThat(s.downloadsRoot())
                .as("under the data folder, not the working directory")
                .isEqualTo(dir.resolve("data").resolve("sync").toAbsolutePath().normalize());
    }

    @Test
    void portalConcurrencyIsOneToSixteen() {
        assertThat(load(Map.of("SYNC_PORTAL_CONCURRENCY", "1")).portalConcurrency()).isEqualTo(1);
        assertThat(load(Map.of("SYNC_PORTAL_CONCURRENCY", "16")).portalConcurrency()).isEqualTo(16);
        assertThat(refused(Map.of("SYNC_PORTAL_CONCURRENCY", "0")))
                .anyMatch(p -> p.contains("SYNC_PORTAL_CONCURRENCY"));
        assertThat(refused(Map.of("SYNC_PORTAL_CONCURRENCY", "17")))
                .anyMatch(p -> p.contains("SYNC_PORTAL_CONCURRENCY"));
    }

    @Test
    void floorsAndAnExplicitZeroAreConfigErrors() {
        assertThat(
                        refused(
                                Map.of(
                                        "PORTAL_HTTP_TIMEOUT_MS", "0",
                                        "STEP_TIMEOUT_MS", "29999",
                                        "CHILD_PROCESS_TIMEOUT_MS", "1e5",
                                        "LOCK_TIMEOUT_MS", "59999")))
                .anyMatch(p -> p.startsWith("[CONFIG ERROR] PORTAL_HTTP_TIMEOUT_MS"))
                .anyMatch(p -> p.startsWith("[CONFIG ERROR] STEP_TIMEOUT_MS"))
                .anyMatch(p -> p.startsWith("[CONFIG ERROR] CHILD_PROCESS_TIMEOUT_MS"))
                .anyMatch(p -> p.startsWith("[CONFIG ERROR] LOCK_TIMEOUT_MS"));
    }

    @Test
    void theTimeoutsMustKeepTheirOrder() {
        assertThat(
                        refused(
                                Map.of(
                                        "STEP_TIMEOUT_MS", "700000",
                                        "CHILD_PROCESS_TIMEOUT_MS", "600000",
                                        "LOCK_TIMEOUT_MS", "600000")))
                .anyMatch(
                        p ->
                                p.contains(
                                        "CHILD_PROCESS_TIMEOUT_MS: must be greater than"
                                                + " STEP_TIMEOUT_MS"))
                .anyMatch(
                        p ->
                                p.contains(
                                        "LOCK_TIMEOUT_MS: must be greater than"
                                                + " CHILD_PROCESS_TIMEOUT_MS"));
        assertThat(refused(Map.of("SQL_QUERY_TIMEOUT_MS", "400000")))
                .anyMatch(p -> p.contains("SQL_QUERY_TIMEOUT_MS: must not exceed STEP_TIMEOUT_MS"));
    }

    @Test
    void importerProgramsMustBeAbsolutePaths() {
        assertThat(refused(Map.of("SYNC_IMPORTER_PROGRAMS", "/opt/importa,relative/importa.exe")))
                .anyMatch(p -> p.contains("SYNC_IMPORTER_PROGRAMS: must list absolute paths"));
        assertThat(load(Map.of("SYNC_IMPORTER_PROGRAMS", "/opt/a/../importa")).importerPrograms())
                .containsExactly(Path.of("/opt/importa"));
    }

    @Test
    void theDemoIsOnInDevelopmentAndRefusedInProduction() {
        assertThat(load(Map.of()).demo()).as("development").isTrue();
        assertThat(load(Map.of("SYNC_DEMO", "false")).demo()).isFalse();
        assertThat(
                        refused(
                                Map.of(
                                        "GATEHOUSE_ENV", "production",
                                        "SYNC_DEMO", "true")))
                .anyMatch(
                        p -> p.startsWith("[CONFIG ERROR] SYNC_DEMO: must be false in production"));
    }
}
