package dev.gatehouse.kernel.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A real PostgreSQL for audit ITs: one server per JVM, a fresh database per call of {@link
 * #fresh()}, migrated by Flyway (V1 + V2) as the owner with {@code app_role} = {@value #APP_ROLE},
 * and an app data source that logs in AS that restricted role.
 */
public final class AuditDatabase {

    public static final String APP_ROLE = "gatehouse_app";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    /** Owner and app data sources of one freshly migrated database. */
    public record Databases(DataSource owner, HikariDataSource app, String name)
            implements AutoCloseable {
        @Override
        public void close() {
            app.close();
        }
    }

    private AuditDatabase() {}

    public static synchronized Databases fresh() {
        EmbeddedPostgres pg = server();
        JdbcClient admin = JdbcClient.create(pg.getPostgresDatabase());
        String name = "audit_" + COUNTER.incrementAndGet();
        admin.sql("create database " + name).update();
        DataSource owner = pg.getDatabase("postgres", name);
        Flyway.configure()
                .dataSource(owner)
                .placeholders(Map.of("app_role", APP_ROLE))
                .load()
                .migrate();
        var config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl(APP_ROLE, name));
        config.setUsername(APP_ROLE);
        config.setPassword("x");
        config.setMaximumPoolSize(10);
        config.setPoolName(name);
        return new Databases(owner, new HikariDataSource(config), name);
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JdbcClient.create(server.getPostgresDatabase())
                    .sql("create role " + APP_ROLE + " login password 'x' nosuperuser nobypassrls")
                    .update();
        }
        return server;
    }
}
