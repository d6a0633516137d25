package dev.gatehouse.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * PostgreSQL 17 from the embedded binaries, but set up like a managed server: {@code initdb} with a
 * superuser password and {@code scram-sha-256} for every connection (zonky passes these options
 * after its own {@code -A trust}, and the last one wins), and every statement logged to a file.
 */
public final class PasswordPostgres17 extends ManagedPostgres {

    private static PasswordPostgres17 shared;

    private final EmbeddedPostgres server;
    private final Path log;

    private PasswordPostgres17(EmbeddedPostgres server, Path log, String superPassword) {
        super(superPassword);
        this.server = server;
        this.log = log;
    }

    /** One server per test JVM, stopped when the JVM exits. */
    public static synchronized PasswordPostgres17 shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private static PasswordPostgres17 start() {
        try {
            Path dir = Files.createTempDirectory("gh-pg17-");
            String superPassword = "super-" + TestNode.randomKey();
            Path pwfile = dir.resolve("superuser.pw");
            Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
            Path log = dir.resolve("server.log");
            EmbeddedPostgres server =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dir.resolve("data"))
                            .setLocaleConfig("auth", "scram-sha-256")
                            .setLocaleConfig("pwfile", pwfile.toString())
                            .setConnectConfig("password", superPassword)
                            .setServerConfig("listen_addresses", "127.0.0.1")
                            .setServerConfig("log_statement", "all")
                            .setServerConfig("max_connections", "200")
                            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            return new PasswordPostgres17(server, log, superPassword);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "PostgreSQL 17 (embedded binaries, passwords required)";
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public List<String> serverLog() {
        return readLog(log);
    }

    private void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // the JVM is exiting; nothing more to do
        }
    }
}
