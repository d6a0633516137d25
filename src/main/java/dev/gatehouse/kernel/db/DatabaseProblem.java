package dev.gatehouse.kernel.db;

/**
 * One reason the node cannot use its database, printed as {@code [DATABASE ERROR] SUBJECT: reason},
 * the way configuration problems are printed.
 *
 * @param subject what the operator should look at: a setting ({@code DATABASE_URL}, {@code
 *     DATABASE_USER}, {@code DATABASE_PASSWORD}, {@code DATABASE_APP_ROLE}) or a migration
 * @param reason what is wrong and how to fix it, in one line; never a password or other secret
 */
public record DatabaseProblem(String subject, String reason) {

    public DatabaseProblem {
        if (reason.contains("\n")) {
            throw new IllegalArgumentException("a database problem is one line: " + subject);
        }
    }

    @Override
    public String toString() {
        return "[DATABASE ERROR] " + subject + ": " + reason;
    }
}
