package dev.gatehouse.domains;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connection limit. {@link #reserve} must run inside the tenant transaction that then inserts
 * (or revives) the connection: it takes a transaction-scoped PostgreSQL advisory lock keyed by the
 * tenant, so concurrent creates on any number of nodes queue up and count in turn. It fails closed:
 * if the lock cannot be had within {@link #LOCK_TIMEOUT_MS} or the count cannot be read, the answer
 * is {@link Reservation.Unavailable}, and the transaction is then unusable (PostgreSQL aborted it),
 * so the caller must roll it back with whatever it was about to change.
 */
@Component
class Quota {

    /** Advisory-lock class for connection quota (the first of the two-int key). */
    private static final int LOCK_CLASS = 0x646d_7100;

    static final int LOCK_TIMEOUT_MS = 5000;

    /** The answer of {@link #reserve}. */
    sealed interface Reservation {
        /** One more connection fits; the lock is held until the transaction ends. */
        record Fits() implements Reservation {}

        /** The tenant is at its limit. */
        record Full(int limit) implements Reservation {}

        /** The limit could not be evaluated; the transaction must roll back. */
        record Unavailable() implements Reservation {}
    }

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final ConnectionLimits limits;

    Quota(JdbcClient jdbc, Transactions tx, ConnectionLimits limits) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.limits = limits;
    }

    /**
     * Whether one more connection fits; holds the tenant's quota lock until the transaction ends.
     */
    Reservation reserve(TenantId tenant) {
        if (!Transactions.isBound()) {
            throw new IllegalStateException(
                    "quota must be reserved inside the transaction that uses it");
        }
        try {
            return tx.inTenant(tenant, () -> lockAndCount(tenant));
        } catch (DataAccessException e) {
            return new Reservation.Unavailable();
        }
    }

    private Reservation lockAndCount(TenantId tenant) {
        jdbc.sql("select set_config('lock_timeout', ?, true)")
                .param(LOCK_TIMEOUT_MS + "ms")
                .query()
                .singleValue();
        jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                .param(LOCK_CLASS)
                .param((int) tenant.value())
                .query()
                .singleValue();
        jdbc.sql("select set_config('lock_timeout', '0', true)").query().singleValue();
        long used =
                jdbc.sql(
                                "select count(*) from domain_connections where tenant_id = ?"
                                        + " and status not in ('removed', 'failed')")
                        .param(tenant.value())
                        .query(Long.class)
                        .single();
        int limit = limits.limit(tenant);
        return used < limit ? new Reservation.Fits() : new Reservation.Full(limit);
    }
}
