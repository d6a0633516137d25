package dev.gatehouse.kernel.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The embedded PostgreSQL started while Spring reads its configuration: the bean takes over the
 * very server that was started, once, and a start that fails before that stops it, so no postmaster
 * outlives a failed start.
 */
class EarlyEmbeddedPostgresIT {

    @TempDir Path workDir;

    @Test
    void aServerNoBeanClaimedIsStoppedAndAClaimedOneIsHandedOverOnce() throws Exception {
        Path data = workDir.resolve("data");
        Settings settings =
                new SettingsLoader(new SecureRandom())
                        .load(
                                Map.of(
                                        "GATEHOUSE_DATA_DIR",
                                        data.toString(),
                                        "SERVER_PORT",
                                        Integer.toString(TestNode.freePort()),
                                        "MANAGEMENT_PORT",
                                        Integer.toString(TestNode.freePort())),
                                workDir);

        EarlyEmbeddedPostgres failedStart = new EarlyEmbeddedPostgres(settings, new SecureRandom());
        failedStart.onApplicationEvent(environmentPrepared());
        awaitPostmaster(data);
        int firstPort = postmasterPort(data);
        assertThat(accepts(firstPort)).isTrue();
        failedStart.closeUnclaimed();
        assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThat(accepts(firstPort)).as("the unclaimed server is stopped").isFalse();

        EarlyEmbeddedPostgres start = new EarlyEmbeddedPostgres(settings, new SecureRandom());
        start.onApplicationEvent(environmentPrepared());
        start.onApplicationEvent(environmentPrepared()); // a second event starts nothing more
        EmbeddedPostgres claimed = start.claim();
        assertThat(claimed).isNotNull();
        try (claimed) {
            assertThat(start.claim()).as("handed over once").isNull();
            start.closeUnclaimed();
            assertThat(accepts(postmasterPort(data)))
                    .as("a claimed server belongs to the bean: closeUnclaimed leaves it")
                    .isTrue();
        }
        assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    @Test
    void anExternalDatabaseStartsNothing() throws Exception {
        Settings settings =
                new SettingsLoader(new SecureRandom())
                        .load(
                                Map.of(
                                        "GATEHOUSE_DATA_DIR",
                                        workDir.resolve("data").toString(),
                                        "DATABASE_URL",
                                        "jdbc:postgresql://127.0.0.1:1/none",
                                        "DATABASE_USER",
                                        "owner",
                                        "DATABASE_PASSWORD",
                                        "secret"),
                                workDir);
        EarlyEmbeddedPostgres start = new EarlyEmbeddedPostgres(settings, new SecureRandom());
        start.onApplicationEvent(environmentPrepared());
        assertThat(start.claim()).isNull();
        assertThat(workDir.resolve("data/postgres")).doesNotExist();
    }

    private static ApplicationEnvironmentPreparedEvent environmentPrepared() {
        return new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(),
                new SpringApplication(),
                new String[0],
                new StandardEnvironment());
    }

    private static void awaitPostmaster(Path data) throws InterruptedException {
        Path pid = data.resolve("postgres/postmaster.pid");
        for (int i = 0; i < 600 && !ready(pid); i++) {
            Thread.sleep(100);
        }
        assertThat(ready(pid)).as("the early start brought a server up").isTrue();
    }

    private static boolean ready(Path pid) {
        try {
            return Files.readAllLines(pid).stream().anyMatch(l -> l.strip().equals("ready"));
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int postmasterPort(Path data) throws IOException {
        return Integer.parseInt(
                Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).strip());
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
