package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Schedule;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/** The {@code gateway_schedules} table: one row per tenant that set its schedule. */
@Repository
public class Schedules {

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final Controls controls;

    Schedules(JdbcClient jdbc, Transactions tx, Controls controls) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.controls = controls;
    }

    /** The tenant's schedule, or {@link Schedule#DEFAULT} when it never set one. */
    public StoredSchedule find(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select timezone, days, start_time, end_time, enabled,"
                                                + " updated_at from gateway_schedules where"
                                                + " tenant_id = ?")
                                .param(tenant.value())
                                .query(
                                        (rs, n) ->
                                                new StoredSchedule(
                                                        read(rs, ""),
                                                        rs.getTimestamp("updated_at").toInstant()))
                                .optional()
                                .orElse(new StoredSchedule(Schedule.DEFAULT, null)));
    }

    StoredSchedule put(TenantId tenant, Schedule s, Instant now) {
        String[] days = s.days().stream().map(Schedule::wireName).toArray(String[]::new);
        tx.inTenant(
                tenant,
                () -> {
                    controls.changed(tenant);
                    return jdbc.sql(
                                    "insert into gateway_schedules (tenant_id, timezone, days,"
                                            + " start_time, end_time, enabled, updated_at) values"
                                            + " (?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id) do"
                                            + " update set timezone = excluded.timezone, days ="
                                            + " excluded.days, start_time = excluded.start_time,"
                                            + " end_time = excluded.end_time, enabled ="
                                            + " excluded.enabled, updated_at = excluded.updated_at")
                            .param(tenant.value())
                            .param(s.zone().getId())
                            .param(days)
                            .param(s.start())
                            .param(s.end())
                            .param(s.enabled())
                            .param(Timestamp.from(now))
                            .update();
                });
        return new StoredSchedule(s, now);
    }

    /**
     * Reads a schedule from the columns {@code <prefix>timezone}, {@code days}, {@code start_time},
     * {@code end_time}, {@code enabled}; {@link Schedule#DEFAULT} when the timezone is null (no row
     * joined).
     */
    static Schedule read(ResultSet rs, String prefix) throws SQLException {
        String zone = rs.getString(prefix + "timezone");
        if (zone == null) {
            return Schedule.DEFAULT;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object d : (Object[]) rs.getArray(prefix + "days").getArray()) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (Schedule.wireName(day).equals(d)) {
                    days.add(day);
                }
            }
        }
        return new Schedule(
                ZoneId.of(zone),
                days,
                rs.getObject(prefix + "start_time", LocalTime.class),
                rs.getObject(prefix + "end_time", LocalTime.class),
                rs.getBoolean(prefix + "enabled"));
    }
}
