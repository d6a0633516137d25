package dev.gatehouse.kernel.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded PostgreSQL a new user runs, often on a shared machine, is private to the user
 * running Gatehouse: no connection without a password, no socket in a shared folder, binaries
 * unpacked inside the private data folder, and an installation made by an earlier version (which
 * trusted every loopback connection) closed at its next start.
 */
class EmbeddedDatabasePrivacyIT {

    @TempDir Path workDir;

    @Test
    void noConnectionGetsInWithoutTheSuperuserPassword() throws Exception {
        Path data = workDir.resolve("data");
        try (TestNode node = TestNode.startWith(embedded(data))) {
            assertThat(node.http().get("/v1/whoami", node.bootstrapAdminKey()).status())
                    .isEqualTo(200);
            int port = postmasterPort(data);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/gatehouse";

            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no password was provided");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("28P01");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "gatehouse_app", ""))
                    .isInstanceOf(SQLException.class);

            String password =
                    Files.readString(data.resolve("postgres.password"), StandardCharsets.UTF_8)
                            .strip();
            try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                assertThat(c.isValid(2)).as("the password the node keeps opens it").isTrue();
            }
            assertThat(hbaRules(data))
                    .isNotEmpty()
                    .allMatch(l -> l.endsWith("scram-sha-256") || l.endsWith("reject"));
            assertThat(Path.of("/tmp/.s.PGSQL." + port)).as("no socket in /tmp").doesNotExist();
        }
    }

    @Test
    void theDataFolderIsPrivateAndHoldsTheBinariesThatRun() throws Exception {
        Path data = workDir.resolve("data");
        try (TestNode node = TestNode.startWith(embedded(data))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            assertThat(
                            PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(
                                            data.resolve("postgres.password"))))
                    .isEqualTo("rw-------");
            assertThat(
                            PosixFilePermissions.toString(
                                    Files.getPosixFilePermissions(data.resolve("postgres-bin"))))
                    .isEqualTo("rwx------");
            long pid =
                    Long.parseLong(
                            Files.readAllLines(data.resolve("postgres/postmaster.pid"))
                                    .get(0)
                                    .strip());
            Path running = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
            assertThat(running)
                    .as("the running postmaster's executable")
                    .startsWith(data.resolve("postgres-bin").toRealPath());
        }
    }

    @Test
    void anInstallationThatTrustedEveryLocalConnectionIsClosedAtItsNextStart() throws Exception {
        Path data = workDir.resolve("data");
        Files.createDirectories(data);
        // What earlier versions made: zonky's defaults, "trust" for every connection.
        try (var old =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                .setDataDirectory(data.resolve("postgres"))
                                .setCleanDataDirectory(false)
                                .start();
                Connection c = old.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database gatehouse");
            s.execute("create table kept (value int)");
            s.execute("insert into kept values (42)");
        }
        assertThat(hbaRules(data)).anyMatch(l -> l.endsWith("trust"));

        try (TestNode node = TestNode.startWith(embedded(data))) {
            assertThat(node.http().get("/v1/whoami", node.bootstrapAdminKey()).status())
                    .isEqualTo(200);
            int port = postmasterPort(data);
            assertThatThrownBy(
                            () ->
                                    DriverManager.getConnection(
                                            "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                                            "postgres",
                                            null))
                    .isInstanceOf(SQLException.class);
            assertThat(hbaRules(data)).noneMatch(l -> l.endsWith("trust"));
            String password =
                    Files.readString(data.resolve("postgres.password"), StandardCharsets.UTF_8)
                            .strip();
            try (Connection c =
                            DriverManager.getConnection(
                                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                                    "postgres",
                                    password);
                    Statement s = c.createStatement();
                    var rs = s.executeQuery("select value from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("data from before is still there").isEqualTo(42);
            }
        }
        try (TestNode again = TestNode.startWith(embedded(data))) {
            assertThat(again.management().get("/healthz", null).status()).isEqualTo(200);
        }
    }

    private Map<String, String> embedded(Path data) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        env.put("GATEHOUSE_DATA_DIR", data.toString());
        return env;
    }

    private static int postmasterPort(Path data) throws Exception {
        return Integer.parseInt(
                Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).strip());
    }

    private static List<String> hbaRules(Path data) throws Exception {
        return Files.readAllLines(data.resolve("postgres/pg_hba.conf")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }
}
