package dev.gatehouse.erpsync.sage;

import dev.gatehouse.erpsync.step.StepCancellation;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Statements against one database of one company. Every statement is prepared with its parameters
 * bound (never concatenated), runs under the query timeout, and is registered with the step's
 * {@link StepCancellation} while it runs. SQL naming another database ({@code FESA.dbo.x}, {@code
 * [FESA].[dbo].[x]}) is refused before it is sent: data from two databases is joined in code.
 * Thread-safe; each call borrows and returns its own connection.
 */
public final class SageSql {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SageSql.class);

    private static final Pattern THREE_PART =
            Pattern.compile(
                    "(?i)(\\[?\\w+]?\\s*\\.\\s*\\[?dbo]?\\s*\\.)|(\\w\\.\\.\\w)|\\bUSE\\s+\\[?\\w");

    private final DataSource pool;
    private final SageDatabase database;
    private final int timeoutSeconds;
    private final StepCancellation step;
    private final boolean dryRun;

    SageSql(
            DataSource pool,
            SageDatabase database,
            Duration timeout,
            StepCancellation step,
            boolean dryRun) {
        this.dryRun = dryRun;
        this.pool = pool;
        this.database = database;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.step = step;
    }

    public SageDatabase database() {
        return database;
    }

    /** The rows of {@code sql} with {@code params} bound in order. */
    public <T> List<T> query(String sql, RowMapper<T> rows, @Nullable Object... params) {
        return run(
                sql,
                params,
                statement -> {
                    try (ResultSet rs = statement.executeQuery()) {
                        List<T> out = new ArrayList<>();
                        int n = 0;
                        while (rs.next()) {
                            out.add(rows.mapRow(rs, n++));
                        }
                        return out;
                    }
                });
    }

    /** The single value of the first row, or null when there is no row. */
    public <T> @Nullable T value(String sql, Class<T> type, @Nullable Object... params) {
        List<T> values = query(sql, (rs, n) -> rs.getObject(1, type), params);
        return values.isEmpty() ? null : values.getFirst();
    }

    /**
     * Runs an insert, update or delete and returns the rows it changed. With {@code SYNC_DRY_RUN}
     * on, logs it instead and answers 1.
     */
    public int update(String sql, @Nullable Object... params) {
        if (dryRun) {
            refuseOtherDatabases(sql);
            log.info(
                    "[DRY-RUN] {} not written: {} {}",
                    database,
                    sql,
                    java.util.Arrays.toString(params));
            return 1;
        }
        return run(sql, params, PreparedStatement::executeUpdate);
    }

    /**
     * Runs a write that must change exactly {@code expected} rows; with {@code SYNC_DRY_RUN} on,
     * only logs it.
     */
    public void updateExactly(int expected, String what, String sql, @Nullable Object... params) {
        if (dryRun) {
            update(sql, params);
            return;
        }
        int changed = update(sql, params);
        if (changed != expected) {
            throw new SageWriteMismatch(what, expected, changed);
        }
    }

    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    private static void refuseOtherDatabases(String sql) {
        if (THREE_PART.matcher(sql).find()) {
            throw new IllegalArgumentException(
                    "SQL must not name another database or switch databases: " + sql);
        }
    }

    private <T> T run(String sql, @Nullable Object[] params, Work<T> work) {
        refuseOtherDatabases(sql);
        step.check();
        try (Connection c = pool.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            step.opened(statement);
            try {
                return work.on(statement);
            } finally {
                step.closed(statement);
            }
        } catch (SQLException e) {
            step.check();
            throw new SageFailure(database, e);
        }
    }
}
