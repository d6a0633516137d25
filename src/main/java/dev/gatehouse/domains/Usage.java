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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** Go-lives on one UTC day. */
    public record Day(LocalDate day, long goneLive) {}

    /**
     * The tenant's connections per status, removed ones left out; every other status is present,
     * with 0 when none has it.
     */
    public Map<ConnectionStatus, Long> byStatus(TenantId tenant) {
        Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
        for (ConnectionStatus s : ConnectionStatus.values()) {
            if (s != ConnectionStatus.REMOVED) {
                counts.put(s, 0L);
            }
        }
        tx.inTenant(
                        tenant,
                        () ->
                                jdbc.sql(
                                                "select status, count(*) as n from"
                                                        + " domain_connections where tenant_id = ?"
                                                        + " and status <> 'removed' group by"
                                                        + " status")
                                        .param(tenant.value())
                                        .query(
                                                (rs, n) ->
                                                        Map.entry(
                                                                ConnectionStatus.valueOf(
                                                                        rs.getString("status")
                                                                                .toUpperCase(
                                                                                        Locale
                                                                                                .ROOT)),
                                                                rs.getLong("n")))
                                        .list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /**
     * Go-lives on each of the {@code days} UTC days up to {@code today}, oldest first, 0 on days
     * without any: the usage records, so a hostname counts once per month.
     */
    public List<Day> goneLivePerDay(TenantId tenant, LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, Long> counted = new HashMap<>();
        tx.inTenant(
                        tenant,
                        () ->
                                jdbc.sql(
                                                "select (went_live_at at time zone 'UTC')::date as"
                                                        + " day, count(*) as n from domain_usage"
                                                        + " where tenant_id = ? and went_live_at"
                                                        + " >= ? group by 1")
                                        .param(tenant.value())
                                        .param(
                                                Timestamp.from(
                                                        first.atStartOfDay(ZoneOffset.UTC)
                                                                .toInstant()))
                                        .query(
                                                (rs, n) ->
                                                        Map.entry(
                                                                rs.getObject(
                                                                        "day", LocalDate.class),
                                                                rs.getLong("n")))
                                        .list())
                .forEach(e -> counted.put(e.getKey(), e.getValue()));
        List<Day> all = new ArrayList<>(days);
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            all.add(new Day(d, counted.getOrDefault(d, 0L)));
        }
        return List.copyOf(all);
    }
}
