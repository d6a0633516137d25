package dev.gatehouse.kernel.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.gatehouse.kernel.config.Settings;

import javax.sql.DataSource;

/**
 * The connection that owns the tables: used to create the restricted app role, run migrations, and
 * for the few operator tasks the app role may not do (audit pruning). Never used to serve a
 * request. Deliberately not a {@link DataSource} bean, so nothing can inject it by accident.
 */
public final class OwnerDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final String jdbcUrl;

    private OwnerDatabase(
            String jdbcUrl, String user, @org.jspecify.annotations.Nullable String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse-owner");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setIdleTimeout(30_000);
        config.setConnectionTimeout(30_000);
        this.dataSource = new HikariDataSource(config);
        this.jdbcUrl = jdbcUrl;
    }

    static OwnerDatabase embedded(EmbeddedPostgres pg) {
        return new OwnerDatabase(pg.jdbcUrl(), EmbeddedPostgres.SUPERUSER, pg.password());
    }

    static OwnerDatabase external(Settings.Database db) {
        return new OwnerDatabase(
                db.url().orElseThrow(),
                java.util.Objects.requireNonNull(db.user(), "DATABASE_USER"),
                db.password());
    }

    /** The owner's connections; only for schema work and operator tasks. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
