package dev.gatehouse.gateway.controls;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** The {@code gateway_kill_switches} table: one row per tenant that ever used its switch. */
@Repository
public class KillSwitches {

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final Controls controls;

    KillSwitches(JdbcClient jdbc, Transactions tx, Controls controls) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.controls = controls;
    }

    /** The tenant's kill switch; released when it has no row. */
    public KillSwitch find(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select engaged, reason, engaged_by, engaged_at from"
                                                + " gateway_kill_switches where tenant_id = ?")
                                .param(tenant.value())
                                .query((rs, n) -> read(rs, ""))
                                .optional()
                                .orElse(KillSwitch.RELEASED));
    }

    void put(TenantId tenant, KillSwitch k, Instant now) {
        tx.inTenant(
                tenant,
                () -> {
                    controls.changed(tenant);
                    return jdbc.sql(
                                    "insert into gateway_kill_switches (tenant_id, engaged,"
                                            + " reason, engaged_by, engaged_at, updated_at) values"
                                            + " (:tenant, :engaged, :reason, :by, :at, :now) on"
                                            + " conflict (tenant_id) do update set engaged ="
                                            + " excluded.engaged, reason = excluded.reason,"
                                            + " engaged_by = excluded.engaged_by, engaged_at ="
                                            + " excluded.engaged_at, updated_at ="
                                            + " excluded.updated_at")
                            .param("tenant", tenant.value())
                            .param("engaged", k.engaged())
                            .param("reason", k.reason(), Types.VARCHAR)
                            .param("by", k.engagedBy(), Types.VARCHAR)
                            .param("at", timestamp(k.engagedAt()), Types.TIMESTAMP)
                            .param("now", Timestamp.from(now))
                            .update();
                });
    }

    /**
     * Reads a kill switch from {@code <prefix>engaged}, {@code reason}, {@code engaged_by}, {@code
     * engaged_at}.
     */
    static KillSwitch read(ResultSet rs, String prefix) throws SQLException {
        boolean engaged = rs.getBoolean(prefix + "engaged");
        if (!engaged) {
            return KillSwitch.RELEASED;
        }
        Timestamp at = rs.getTimestamp(prefix + "engaged_at");
        return new KillSwitch(
                true,
                rs.getString(prefix + "reason"),
                rs.getString(prefix + "engaged_by"),
                at == null ? null : at.toInstant());
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
