package dev.gatehouse.kernel.db;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed connection attempt into one line an operator can act on. Only the server's or the
 * driver's own message text is used, never a URL with credentials or a statement, so no password
 * can reach the line.
 */
final class ConnectionFailures {

    private static final Pattern URL =
            Pattern.compile("^jdbc:postgresql://([^/?#]+)(?:/([^?#]*))?.*$");

    private ConnectionFailures() {}

    /**
     * The problem behind {@code failure}, met while connecting to {@code jdbcUrl} as {@code user}.
     *
     * @param userSetting the setting that names the user ({@code DATABASE_USER} or {@code
     *     DATABASE_APP_ROLE})
     */
    static DatabaseProblem of(Throwable failure, String jdbcUrl, String user, String userSetting) {
        SQLException sql = sqlCause(failure);
        String where = where(jdbcUrl);
        if (sql == null) {
            return new DatabaseProblem(
                    "DATABASE_URL",
                    "cannot connect to " + where + ": " + oneLine(failure.getMessage()));
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String message = oneLine(serverMessage(sql));
        return switch (state) {
            case "28P01" ->
                    new DatabaseProblem(
                            userSetting.equals("DATABASE_USER") ? "DATABASE_PASSWORD" : userSetting,
                            "PostgreSQL at "
                                    + where
                                    + " refused the password of user \""
                                    + user
                                    + "\"");
            case "08004" ->
                    new DatabaseProblem(
                            userSetting.equals("DATABASE_USER") ? "DATABASE_PASSWORD" : userSetting,
                            "PostgreSQL at "
                                    + where
                                    + " asks for a password for user \""
                                    + user
                                    + "\" and none was given ("
                                    + message
                                    + ")");
            case "28000" ->
                    new DatabaseProblem(
                            userSetting,
                            "PostgreSQL at "
                                    + where
                                    + " refused user \""
                                    + user
                                    + "\": "
                                    + message);
            case "3D000" ->
                    new DatabaseProblem(
                            "DATABASE_URL",
                            message
                                    + " at "
                                    + hostOf(jdbcUrl)
                                    + "; create it owned by DATABASE_USER (createdb -O <user>"
                                    + " <database>)");
            case "53300" ->
                    new DatabaseProblem(
                            "DATABASE_URL",
                            "PostgreSQL at " + where + " has no free connections: " + message);
            default ->
                    state.startsWith("08")
                            ? new DatabaseProblem(
                                    "DATABASE_URL",
                                    "cannot connect to PostgreSQL at " + where + ": " + message)
                            : new DatabaseProblem(
                                    userSetting,
                                    "cannot connect to "
                                            + where
                                            + " as \""
                                            + user
                                            + "\": "
                                            + message
                                            + stateSuffix(state));
        };
    }

    /**
     * Opens and closes one connection; null when it worked, else why not. Used before a pool is
     * built, so a refusal is classified here instead of surfacing as the pool's own error log.
     */
    static @Nullable SQLException attempt(String jdbcUrl, String user, @Nullable String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "gatehouse-start");
        try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    static @Nullable SQLException sqlCause(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql) {
                return psql;
            }
            if (t instanceof SQLException sql && found == null) {
                found = sql;
            }
        }
        return found;
    }

    /** The server's own message when there is one, else the driver's. */
    static String serverMessage(SQLException sql) {
        if (sql instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return sql.getMessage() == null ? sql.getClass().getSimpleName() : sql.getMessage();
    }

    static String stateSuffix(String state) {
        return state.isEmpty() ? "" : " (SQL state " + state + ")";
    }

    static String oneLine(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "no details";
        }
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    /** {@code host:port/database}, without user, password or parameters. */
    static String where(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            return "the configured address";
        }
        String host = m.group(1).replaceAll("^.*@", "");
        return m.group(2) == null || m.group(2).isEmpty() ? host : host + "/" + m.group(2);
    }

    private static String hostOf(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        return m.matches() ? m.group(1).replaceAll("^.*@", "") : "the configured address";
    }
}
