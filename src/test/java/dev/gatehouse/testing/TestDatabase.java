package dev.gatehouse.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * One real PostgreSQL per test JVM, shared by every integration test. Each test node gets its own
 * database and its own app role, so nodes never see each other's data or passwords.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestDatabase() {}

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server =
                        EmbeddedPostgres.builder()
                                .setServerConfig("max_connections", "300")
                                .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A fresh database; returns its name. */
    public static String createDatabase() {
        String name = "gh_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    /** The superuser, which owns everything: for tests that play a hostile or careless owner. */
    public static DataSource ownerOf(String database) {
        return server().getDatabase("postgres", database);
    }

    public static int port() {
        return server().getPort();
    }
}
