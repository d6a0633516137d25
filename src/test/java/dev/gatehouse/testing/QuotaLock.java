package dev.gatehouse.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Holds a tenant's connection-quota advisory lock from outside the service, as a stuck transaction
 * on another node would, so that every quota check of that tenant times out ({@code domains.Quota},
 * lock class {@code 0x646d7100}, five seconds). Closing releases it.
 */
public final class QuotaLock implements AutoCloseable {

    /** The first half of Connect Domain's quota lock key. */
    public static final int LOCK_CLASS = 0x646d_7100;

    private final Connection connection;

    private QuotaLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock of the tenant whose internal id is {@code tenantId}, as the table owner. */
    public static QuotaLock hold(DataSource owner, long tenantId) {
        try {
            Connection c = owner.getConnection();
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_CLASS);
                lock.setInt(2, (int) tenantId);
                lock.execute();
            }
            return new QuotaLock(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the quota lock", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the quota lock", e);
        }
    }
}
