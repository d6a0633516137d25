package dev.gatehouse.kernel.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.vault.VaultKeys;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import javax.sql.DataSource;

/**
 * Wires the database: start or attach the embedded PostgreSQL (or use the external one), ensure the
 * restricted app role, migrate as the owner, then open the pool requests use, as the app role.
 * Startup refuses to continue if the app role could bypass row-level security.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Nullable EmbeddedPostgres embeddedPostgres(Settings settings) {
        return settings.database().embedded()
                ? EmbeddedPostgres.startOrAttach(settings.dataDir())
                : null;
    }

    @Bean(destroyMethod = "close")
    OwnerDatabase ownerDatabase(
            Settings settings, @Nullable EmbeddedPostgres embedded, VaultKeys keys) {
        OwnerDatabase owner =
                embedded != null
                        ? OwnerDatabase.embedded(embedded)
                        : OwnerDatabase.external(settings.database());
        JdbcClient jdbc = JdbcClient.create(owner.dataSource());
        String role = settings.database().appRole();
        AppRole.ensure(jdbc, role, AppRole.password(keys));
        Flyway.configure()
                .dataSource(owner.dataSource())
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", role))
                .load()
                .migrate();
        return owner;
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(Settings settings, OwnerDatabase owner, VaultKeys keys) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse");
        config.setJdbcUrl(owner.jdbcUrl());
        config.setUsername(settings.database().appRole());
        config.setPassword(AppRole.password(keys));
        config.setMaximumPoolSize(settings.database().poolSize());
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        HikariDataSource ds = new HikariDataSource(config);
        if (AppRole.ownsOrBypasses(JdbcClient.create(ds))) {
            ds.close();
            throw new IllegalStateException(
                    "the app role "
                            + settings.database().appRole()
                            + " is a superuser, bypasses RLS or owns tables; requests must run as a"
                            + " restricted role");
        }
        return ds;
    }
}
