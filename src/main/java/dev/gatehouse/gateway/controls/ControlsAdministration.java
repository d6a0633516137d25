package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Rule;
import dev.gatehouse.gateway.policy.Schedule;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changing policies, the schedule and the kill switch; each change and its audit event commit
 * together. A change holds for the next relay on every node as soon as the call returns, because
 * {@link Controls} reads the committed rows on every request.
 */
@Component
public class ControlsAdministration {

    private final Policies policies;
    private final Schedules schedules;
    private final KillSwitches killSwitches;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;

    ControlsAdministration(
            Policies policies,
            Schedules schedules,
            KillSwitches killSwitches,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock) {
        this.policies = policies;
        this.schedules = schedules;
        this.killSwitches = killSwitches;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new policy ({@code pol_…}) at version 1; audited as {@code gateway_policy.created}. */
    public StoredPolicy createPolicy(TenantId tenant, Policies.Fields fields, Actor by) {
        String publicId = ids.next("pol");
        return tx.inTenant(
                tenant,
                () -> {
                    StoredPolicy created =
                            policies.insert(tenant, publicId, fields, clock.instant());
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway_policy.created")
                                    .withTarget("gateway_policy", publicId)
                                    .withDetails(snapshot(created)));
                    return created;
                });
    }

    /**
     * Replaces every field of {@code current}, one version up; audited as {@code
     * gateway_policy.updated} with the snapshot before and after.
     */
    public StoredPolicy replacePolicy(
            TenantId tenant, StoredPolicy current, Policies.Fields fields, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    StoredPolicy updated =
                            policies.replace(tenant, current.id(), fields, clock.instant());
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway_policy.updated")
                                    .withTarget("gateway_policy", current.publicId())
                                    .withDetails(
                                            Map.of(
                                                    "from", snapshot(current),
                                                    "to", snapshot(updated))));
                    return updated;
                });
    }

    /**
     * Deletes {@code current}; audited as {@code gateway_policy.deleted} with its last snapshot.
     */
    public void deletePolicy(TenantId tenant, StoredPolicy current, Actor by) {
        tx.inTenant(
                tenant,
                () -> {
                    policies.delete(tenant, current.id());
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway_policy.deleted")
                                    .withTarget("gateway_policy", current.publicId())
                                    .withDetails(snapshot(current)));
                    return null;
                });
    }

    /** Sets the tenant's schedule; audited as {@code gateway_schedule.updated}. */
    public StoredSchedule putSchedule(TenantId tenant, Schedule schedule, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    StoredSchedule before = schedules.find(tenant);
                    StoredSchedule after = schedules.put(tenant, schedule, clock.instant());
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway_schedule.updated")
                                    .withDetails(
                                            Map.of(
                                                    "from", snapshot(before.schedule()),
                                                    "to", snapshot(schedule))));
                    return after;
                });
    }

    /**
     * Engages or releases the tenant's kill switch; {@code engaged_by} is {@code by}'s id. Audited
     * as {@code gateway_kill_switch.engaged} or {@code gateway_kill_switch.released}.
     */
    public KillSwitch putKillSwitch(
            TenantId tenant, boolean engaged, @Nullable String reason, Actor by) {
        Instant now = clock.instant();
        KillSwitch next =
                engaged ? new KillSwitch(true, reason, by.id(), now) : KillSwitch.RELEASED;
        return tx.inTenant(
                tenant,
                () -> {
                    KillSwitch before = killSwitches.find(tenant);
                    killSwitches.put(tenant, next, now);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("was_engaged", before.engaged());
                    if (reason != null) {
                        details.put("reason", reason);
                    }
                    audit.record(
                            AuditEntry.of(
                                            tenant,
                                            by,
                                            engaged
                                                    ? "gateway_kill_switch.engaged"
                                                    : "gateway_kill_switch.released")
                                    .withDetails(details));
                    return next;
                });
    }

    /** The policy as audit details: what it was at this version. */
    static Map<String, Object> snapshot(StoredPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.publicId());
        m.put("version", p.version());
        m.put("name", p.name());
        m.put(
                p.holder() instanceof Holder.Account ? "account_id" : "credential_id",
                p.holder().publicId());
        m.put("rules", p.rules().stream().map(Rule::toString).toList());
        m.put("schedule_exempt", p.scheduleExempt());
        return m;
    }

    private static Map<String, Object> snapshot(Schedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timezone", s.zone().getId());
        m.put("days", s.days().stream().map(Schedule::wireName).toList());
        m.put("start", s.start().toString());
        m.put("end", s.end().toString());
        m.put("enabled", s.enabled());
        return m;
    }
}
