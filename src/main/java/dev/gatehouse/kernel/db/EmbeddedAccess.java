package dev.gatehouse.kernel.db;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

/**
 * Who may connect to the embedded PostgreSQL: nobody without the superuser's password.
 *
 * <p><b>Design note.</b> The embedded server is what a new user runs, often on a shared machine,
 * and it listens on loopback where every local process can reach it. So every role needs a password
 * ({@code scram-sha-256} in {@code pg_hba.conf}, no {@code trust} line), the server has no Unix
 * socket in a shared folder, and the superuser's random password lives in {@code <data
 * dir>/postgres.password} (mode 600) inside the private data folder (mode 700), next to the
 * binaries. A new cluster is created with that password by {@code initdb}; a cluster made by an
 * earlier Gatehouse with {@code trust} gets the password and the new {@code pg_hba.conf} at its
 * first start under this version (the one moment it is still open, as it always was before).
 */
final class EmbeddedAccess {

    static final String PASSWORD_FILE = "postgres.password";

    private static final List<String> HBA =
            List.of(
                    "# Written by Gatehouse at every start: every connection needs a password.",
                    "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
                    "local   all             all                                     scram-sha-256",
                    "host    all             all             127.0.0.1/32            scram-sha-256",
                    "host    all             all             ::1/128                 scram-sha-256",
                    "local   replication     all                                     reject",
                    "host    replication     all             all                     reject");

    private EmbeddedAccess() {}

    /** The data folder, created private (mode 700) if it does not exist yet. */
    static void makePrivate(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
            }
            if (posix()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private", e);
        }
    }

    /**
     * The superuser's password, generated once (256 bits) into {@code dataDir/postgres.password}.
     */
    static String superuserPassword(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path tmp = dataDir.resolve(PASSWORD_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(
                        tmp,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot keep the embedded database password in " + file, e);
        }
    }

    /** The password file, for {@code initdb --pwfile}. */
    static Path passwordFile(Path dataDir) {
        return dataDir.resolve(PASSWORD_FILE);
    }

    /** True when {@code pg_hba.conf} lets anyone in without a password. */
    static boolean trusting(Path pgData) {
        try {
            return Files.readAllLines(pgData.resolve("pg_hba.conf"), StandardCharsets.UTF_8)
                    .stream()
                    .map(String::strip)
                    .filter(l -> !l.startsWith("#") && !l.isEmpty())
                    .anyMatch(l -> l.matches(".*\\s(trust|ident|peer)$"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pgData.resolve("pg_hba.conf"), e);
        }
    }

    /** Writes the password-only {@code pg_hba.conf}; the server reads it at start or on reload. */
    static void requirePasswords(Path pgData) {
        try {
            Files.write(pgData.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pgData.resolve("pg_hba.conf"), e);
        }
    }

    /**
     * Closes a cluster that an earlier version left on {@code trust}: sets the superuser's password
     * (sent as a SCRAM verifier, never as text), then requires passwords and reloads.
     */
    static void closeTrustingCluster(Connection superuser, Path pgData, String password)
            throws SQLException {
        superuser
                .unwrap(PGConnection.class)
                .alterUserPassword(
                        EmbeddedPostgres.SUPERUSER, password.toCharArray(), "scram-sha-256");
        requirePasswords(pgData);
        try (Statement s = superuser.createStatement()) {
            s.execute("select pg_reload_conf()");
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
