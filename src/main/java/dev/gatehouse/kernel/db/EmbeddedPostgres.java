package dev.gatehouse.kernel.db;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The real PostgreSQL that runs under the data folder when no {@code DATABASE_URL} is set.
 *
 * <p>Design: the cluster lives in {@code <data dir>/postgres} and survives restarts. When a
 * postmaster of ours already runs on that folder (the service is up and an operator runs a
 * command-line task), we attach to it instead of starting a second one, reading its port from
 * {@code postmaster.pid}. Only the instance that started the server stops it.
 */
final class EmbeddedPostgres implements AutoCloseable {

    static final String DATABASE = "gatehouse";
    static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres started;
    private final int port;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres started, int port) {
        this.started = started;
        this.port = port;
    }

    static EmbeddedPostgres startOrAttach(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        Optional<Integer> running = runningPort(pgData);
        if (running.isPresent()) {
            log.info(
                    "Attaching to the embedded PostgreSQL already running on port {}",
                    running.get());
            return new EmbeddedPostgres(null, running.get());
        }
        try {
            Files.createDirectories(pgData);
            var pg =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(pgData)
                            .setCleanDataDirectory(false)
                            // Stopped by the application context after everything that uses it
                            // (final audit seal,
                            // last-use flush), not by a JVM hook racing Spring's own shutdown.
                            .setRegisterShutdownHook(false)
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("max_connections", "200")
                            .start();
            var server = new EmbeddedPostgres(pg, pg.getPort());
            server.createDatabaseIfMissing(pg);
            log.info(
                    "Embedded PostgreSQL started on 127.0.0.1:{} with data in {}",
                    pg.getPort(),
                    pgData);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData, e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    private void createDatabaseIfMissing(io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the embedded database", e);
        }
    }

    private static Optional<Integer> runningPort(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Integer.parseInt(lines.get(3).strip()));
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            log.warn("Ignoring unreadable {}: {}", pidFile, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (started != null) {
            try {
                started.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
