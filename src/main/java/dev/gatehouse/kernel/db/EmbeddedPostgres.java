package dev.gatehouse.kernel.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The real PostgreSQL that runs under the data folder when no {@code DATABASE_URL} is set.
 *
 * <p>Design: the cluster lives in {@code <data dir>/postgres} and survives restarts; its binaries
 * are unpacked under {@code <data dir>/postgres-bin}, never in a shared temporary folder where
 * another local user could replace them. The data folder is private (mode 700) and the server
 * accepts no connection without a password ({@link EmbeddedAccess}). When a postmaster of ours
 * already runs on that folder (the service is up and an operator runs a command-line task), we
 * attach to it instead of starting a second one, reading its port from {@code postmaster.pid}. Only
 * the instance that started the server stops it.
 */
final class EmbeddedPostgres implements AutoCloseable {

    static final String DATABASE = "gatehouse";
    static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres started;
    private final int port;
    private final String password;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres started,
            int port,
            String password) {
        this.started = started;
        this.port = port;
        this.password = password;
    }

    static EmbeddedPostgres startOrAttach(Path dataDir, SecureRandom random) {
        EmbeddedAccess.makePrivate(dataDir);
        Path pgData = dataDir.resolve("postgres");
        String password = EmbeddedAccess.superuserPassword(dataDir, random);
        Optional<Integer> running = runningPort(pgData);
        if (running.isPresent()) {
            log.info(
                    "Attaching to the embedded PostgreSQL already running on port {}",
                    running.get());
            return new EmbeddedPostgres(null, running.get(), password);
        }
        try {
            Files.createDirectories(pgData);
            boolean trusting =
                    Files.exists(pgData.resolve("pg_hba.conf")) && EmbeddedAccess.trusting(pgData);
            var pg =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setPgBinaryResolver(new DataFolderBinaries(dataDir))
                            .setOverrideWorkingDirectory(binaries(dataDir).toFile())
                            .setDataDirectory(pgData)
                            .setCleanDataDirectory(false)
                            // initdb options (zonky passes these after its own "-A trust", and the
                            // last one wins): a new cluster starts with the superuser's password.
                            .setLocaleConfig("auth", "scram-sha-256")
                            .setLocaleConfig(
                                    "pwfile", EmbeddedAccess.passwordFile(dataDir).toString())
                            .setConnectConfig("password", password)
                            // Stopped by the application context after everything that uses it
                            // (final audit seal, last-use flush), not by a JVM hook racing
                            // Spring's own shutdown.
                            .setRegisterShutdownHook(false)
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("max_connections", "200")
                            .setServerConfig("listen_addresses", "localhost")
                            .setServerConfig("unix_socket_directories", "''")
                            .setDataDirectoryCustomizer(
                                    dir -> {
                                        if (!EmbeddedAccess.trusting(dir.toPath())) {
                                            EmbeddedAccess.requirePasswords(dir.toPath());
                                        }
                                    })
                            .start();
            var server = new EmbeddedPostgres(pg, pg.getPort(), password);
            if (trusting) {
                server.closeTrustingCluster(pg, pgData);
            }
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

    /** Where the binaries are unpacked: a folder of our own inside the private data folder. */
    static Path binaries(Path dataDir) {
        Path dir = dataDir.resolve("postgres-bin");
        EmbeddedAccess.makePrivate(dir);
        // zonky makes its working folder writable by everyone; inside ours (mode 700) nobody else
        // can reach it.
        return dir.resolve("zonky");
    }

    private void closeTrustingCluster(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg, Path pgData) {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            EmbeddedAccess.closeTrustingCluster(c, pgData, password);
            log.info("The embedded PostgreSQL now requires a password for every connection");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot set the embedded database's superuser password: " + e.getSQLState(), e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    /** The superuser's password; only the owner connection uses it. */
    String password() {
        return password;
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

    /**
     * The binaries zonky resolves, under a cache key of this data folder: zonky caches unpacked
     * binaries per resolver for the life of the JVM, and each data folder must get its own.
     */
    private record DataFolderBinaries(Path dataDir) implements PgBinaryResolver {
        @Override
        public java.io.InputStream getPgBinary(String system, String machineHardware)
                throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
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
