package dev.gatehouse.erpsync.sage;

import java.sql.SQLException;

/**
 * A statement against a Sage, FESA or approvals database failed. The message names the database and
 * SQL Server's error number and text; it never carries the connection's password, which no SQL
 * error text contains.
 */
public final class SageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SageFailure(SageDatabase database, SQLException cause) {
        super(
                database.name().toLowerCase(java.util.Locale.ROOT)
                        + " database: "
                        + cause.getMessage()
                        + " (SQL state "
                        + cause.getSQLState()
                        + ", error "
                        + cause.getErrorCode()
                        + ")",
                cause);
    }
}
