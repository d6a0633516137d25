package dev.gatehouse.testing;

import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A real PostgreSQL set up the way a managed one is: every connection needs a password ({@code
 * scram-sha-256}), a superuser exists but Gatehouse never gets it, and each installation is a
 * database owned by a user that is <em>not</em> a superuser and has only {@code CREATEROLE}. Every
 * statement the server runs is written to its log ({@code log_statement = all}), so a test can
 * prove what never reached the server as text.
 *
 * <p>Two kinds: {@link DebianPostgres15} (Debian's {@code postgresql-15}, as the README's
 * production set-up names it) and {@link PasswordPostgres17} (the embedded PostgreSQL 17 binaries,
 * started with passwords). One server of each kind per test JVM.
 */
public abstract sealed class ManagedPostgres permits DebianPostgres15, PasswordPostgres17 {

    /** A database owner as a managed PostgreSQL gives one. */
    public record Owner(String user, String password, String database) {}

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String superPassword;

    ManagedPostgres(String superPassword) {
        this.superPassword = superPassword;
    }

    /** The server's name in test reports, e.g. {@code PostgreSQL 15 (Debian)}. */
    public abstract String name();

    public abstract int port();

    /** Everything the server logged so far, statements included. */
    public abstract List<String> serverLog();

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** The superuser, for setting up what a test needs (never given to Gatehouse). */
    public DataSource superuser(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        ds.setUser("postgres");
        ds.setPassword(superPassword);
        return ds;
    }

    /** A new owner: LOGIN CREATEROLE with a password, owning a new database of the same name. */
    public Owner newOwner() {
        return newOwner("CREATEROLE");
    }

    /** A new owner with exactly these role attributes (besides LOGIN and a password). */
    public Owner newOwner(String attributes) {
        String name = "gh_owner_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String password = "pw-" + name;
        asSuperuser(
                "create role " + name + " login " + attributes + " password '" + password + "'",
                "create database " + name + " owner " + name);
        return new Owner(name, password, name);
    }

    /** Runs statements as the superuser in the {@code postgres} database. */
    public void asSuperuser(String... statements) {
        asSuperuserIn("postgres", statements);
    }

    public void asSuperuserIn(String database, String... statements) {
        try (Connection c = superuser(database).getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Node settings for {@code owner}'s database, as an operator writes them, with a fresh app role
     * name (roles are shared by the whole server) and fresh ports; {@code overrides} win.
     */
    public Map<String, String> environment(Owner owner, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_ENV", "development");
        env.put("DATABASE_URL", jdbcUrl(owner.database()));
        env.put("DATABASE_USER", owner.user());
        env.put("DATABASE_PASSWORD", owner.password());
        env.put("DATABASE_APP_ROLE", "app_" + owner.user());
        env.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        env.put("APP_KEY", TestNode.randomKey());
        env.put("CREDENTIAL_ENC_KEY", TestNode.randomKey());
        env.put("TOKEN_HMAC_SECRET", TestNode.randomKey());
        env.put("LAST_USED_FLUSH_SECONDS", "3600");
        env.putAll(overrides);
        return env;
    }

    /**
     * Loads a plain SQL dump into {@code owner}'s database as that owner, the way an operator
     * restores one: with Debian's {@code psql}, stopping at the first error.
     */
    public void restore(Owner owner, Path sqlFile) {
        List<String> command =
                List.of(
                        DebianPostgres15.BIN.resolve("psql").toString(),
                        "-X",
                        "-q",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port()),
                        "-U",
                        owner.user(),
                        "-d",
                        owner.database(),
                        "-f",
                        sqlFile.toString());
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", owner.password());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("restoring " + sqlFile + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name();
    }

    static List<String> readLog(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.ISO_8859_1)
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
