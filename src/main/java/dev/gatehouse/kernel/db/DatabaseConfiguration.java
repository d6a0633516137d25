package dev.gatehouse.kernel.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.vault.VaultKeys;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.security.SecureRandom;
import java.util.List;

import javax.sql.DataSource;

/**
 * Wires the database: start or attach the embedded PostgreSQL (or use the external one), ensure the
 * restricted app role, migrate as the owner, then open the pool requests use, as the app role.
 * Every way this can fail (unreachable server, refused credentials, a missing privilege, an unsafe
 * app role, a failed migration) is a {@link DatabaseRefused} listing one line per problem.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Nullable EmbeddedPostgres embeddedPostgres(
            Settings settings,
            SecureRandom random,
            ObjectProvider<EarlyEmbeddedPostgres> earlyStart) {
        if (!settings.database().embedded()) {
            return null;
        }
        EarlyEmbeddedPostgres early = earlyStart.getIfAvailable();
        EmbeddedPostgres started = early == null ? null : early.claim();
        return started != null
                ? started
                : EmbeddedPostgres.startOrAttach(settings.dataDir(), random);
    }

    @Bean(destroyMethod = "close")
    OwnerDatabase ownerDatabase(
            Settings settings, @Nullable EmbeddedPostgres embedded, VaultKeys keys) {
        OwnerDatabase owner = open(settings, embedded);
        try {
            String role = settings.database().appRole();
            List<DatabaseProblem> problems =
                    AppRole.ensure(
                            owner.dataSource(), owner.jdbcUrl(), role, AppRole.password(keys));
            if (!problems.isEmpty()) {
                throw new DatabaseRefused(problems);
            }
            Migrations.migrate(owner.dataSource(), role);
            return owner;
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    private static OwnerDatabase open(Settings settings, @Nullable EmbeddedPostgres embedded) {
        if (embedded != null) {
            return OwnerDatabase.embedded(embedded);
        }
        Settings.Database db = settings.database();
        String url = db.url().orElseThrow();
        String user = String.valueOf(db.user());
        java.sql.SQLException refused = ConnectionFailures.attempt(url, user, db.password());
        if (refused != null) {
            throw new DatabaseRefused(ConnectionFailures.of(refused, url, user, "DATABASE_USER"));
        }
        return OwnerDatabase.external(db);
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
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseRefused(
                    ConnectionFailures.of(
                            e,
                            owner.jdbcUrl(),
                            settings.database().appRole(),
                            "DATABASE_APP_ROLE"));
        }
    }
}
