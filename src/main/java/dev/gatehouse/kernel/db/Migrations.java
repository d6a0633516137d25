package dev.gatehouse.kernel.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Runs the migrations under {@code db/migration} as the owner, with {@code ${app_role}} standing
 * for the restricted role. A failure becomes a {@link DatabaseRefused} naming the migration and
 * PostgreSQL's reason in one line; Flyway's full report goes to the log for whoever digs deeper.
 * Each migration runs in its own transaction, so a failed one leaves the schema as it was.
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    static void migrate(DataSource owner, String appRole) {
        Flyway flyway =
                Flyway.configure()
                        .dataSource(owner)
                        .locations("classpath:db/migration")
                        .placeholders(Map.of("app_role", appRole))
                        .load();
        try {
            flyway.migrate();
        } catch (FlywayValidateException e) {
            log.warn(
                    "The database's migration history does not match this version: {}",
                    e.getMessage());
            throw new DatabaseRefused(
                    new DatabaseProblem(
                            "database schema",
                            "its migration history does not match this Gatehouse version ("
                                    + validationSummary(String.valueOf(e.getMessage()))
                                    + "); run the version that last migrated it, or restore a"
                                    + " backup"));
        } catch (FlywayException e) {
            log.warn("A migration failed: {}", e.getMessage());
            throw new DatabaseRefused(failed(flyway, e));
        }
    }

    private static DatabaseProblem failed(Flyway flyway, FlywayException e) {
        SQLException sql = ConnectionFailures.sqlCause(e);
        String message = String.valueOf(e.getMessage());
        String subject =
                message.contains("chema history table")
                        ? "migrations"
                        : firstPending(flyway).map(m -> "migration " + m).orElse("migrations");
        if (message.contains("but no schema history table")) {
            return new DatabaseProblem(
                    "DATABASE_URL",
                    "the database already has tables that Gatehouse did not create (no migration"
                            + " history); give Gatehouse an empty database of its own");
        }
        if (sql == null) {
            return new DatabaseProblem(
                    subject, ConnectionFailures.oneLine(firstLine(String.valueOf(e.getMessage()))));
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String reason =
                ConnectionFailures.oneLine(ConnectionFailures.serverMessage(sql))
                        + ConnectionFailures.stateSuffix(state);
        if (state.equals("42501")) {
            reason += "; DATABASE_USER must own the database (ALTER DATABASE … OWNER TO …)";
        } else if (state.startsWith("08")) {
            reason += "; the connection to PostgreSQL broke during the migration";
        }
        return new DatabaseProblem(subject, reason);
    }

    private static java.util.Optional<String> firstPending(Flyway flyway) {
        try {
            MigrationInfo[] pending = flyway.info().pending();
            return pending.length == 0
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(pending[0].getScript());
        } catch (FlywayException e) {
            return java.util.Optional.empty();
        }
    }

    private static String validationSummary(String message) {
        return Arrays.stream(message.split("\\R"))
                .map(String::strip)
                .filter(l -> l.startsWith("Detected") || l.startsWith("Migration checksum"))
                .map(l -> l.replaceAll("\\.$", ""))
                .collect(
                        Collectors.collectingAndThen(
                                Collectors.joining("; "),
                                s ->
                                        s.isEmpty()
                                                ? ConnectionFailures.oneLine(firstLine(message))
                                                : s));
    }

    private static String firstLine(String message) {
        return message == null ? "no details" : message.strip().split("\\R", 2)[0];
    }
}
