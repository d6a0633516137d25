package dev.gatehouse.testing;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15 ({@code apt-get install postgresql-15}), started by the test in a
 * temporary folder. {@code initdb} and {@code pg_ctl} refuse to run as root, so as root they run as
 * the {@code postgres} user that the package creates.
 */
public final class DebianPostgres15 extends ManagedPostgres {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private static DebianPostgres15 shared;

    private final Path dir;
    private final int port;

    private DebianPostgres15(Path dir, int port, String superPassword) {
        super(superPassword);
        this.dir = dir;
        this.port = port;
    }

    /** One server per test JVM, stopped when the JVM exits. */
    public static synchronized DebianPostgres15 shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private static DebianPostgres15 start() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(
                    "Debian's PostgreSQL 15 is not installed ("
                            + BIN
                            + "/initdb is missing): apt-get install postgresql-15");
        }
        try {
            Path dir = Files.createTempDirectory("gh-pg15-");
            String superPassword = "super-" + TestNode.randomKey();
            Path pwfile = dir.resolve("superuser.pw");
            Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
            if (root()) {
                UserPrincipal postgres =
                        dir.getFileSystem()
                                .getUserPrincipalLookupService()
                                .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(pwfile, postgres);
            }
            run(
                    dir,
                    BIN.resolve("initdb").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-U",
                    "postgres",
                    "--auth=scram-sha-256",
                    "--pwfile=" + pwfile,
                    "-E",
                    "UTF8",
                    "--no-locale");
            int port = TestNode.freePort();
            run(
                    dir,
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-l",
                    dir.resolve("server.log").toString(),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    "-p "
                            + port
                            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                            + dir
                            + " -c log_statement=all -c max_connections=200",
                    "start");
            return new DebianPostgres15(dir, port, superPassword);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "PostgreSQL 15 (Debian)";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<String> serverLog() {
        return readLog(dir.resolve("server.log"));
    }

    private void stop() {
        try {
            run(
                    dir,
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "stop");
        } catch (RuntimeException e) {
            // the JVM is exiting; nothing more to do
        }
    }

    private static boolean root() {
        return new UnixSystem().getUid() == 0;
    }

    private static void run(Path dir, String... command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            Process p =
                    new ProcessBuilder(full)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
