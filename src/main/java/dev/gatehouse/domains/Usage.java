package dev.gatehouse.domains;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The {@code domain_usage} table: one row per connection and (UTC) month in which it went live. */
@Repository
public class Usage {

    private final JdbcClient jdbc;
    private final Transactions tx;

    Usage(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Records that the connection went live at {@code at}; a second call for the same month does
     * nothing.
     */
    void wentLive(TenantId tenant, long connectionId, Instant at) {
        LocalDate month = YearMonth.from(at.atZone(ZoneOffset.UTC)).atDay(1);
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into domain_usage (tenant_id, connection_id, month,"
                                                + " went_live_at) values (?, ?, ?, ?) on conflict"
                                                + " (connection_id, month) do nothing")
                                .param(tenant.value())
                                .param(connectionId)
                                .param(Date.valueOf(month))
                                .param(Timestamp.from(at))
                                .update());
    }

    /** Connections live right now. */
    public long liveNow(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select count(*) from domain_connections where tenant_id ="
                                                + " ? and status = 'live'")
                                .param(tenant.value())
                                .query(Long.class)
                                .single());
    }

    /** Connections that went live in {@code month}. */
    public long goneLive(TenantId tenant, YearMonth month) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select count(*) from domain_usage where tenant_id = ? and"
                                                + " month = ?")
                                .param(tenant.value())
                                .param(Date.valueOf(month.atDay(1)))
                                .query(Long.class)
                                .single());
    }
}
