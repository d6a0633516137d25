package dev.gatehouse.gateway.access;

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
 * Creating and changing accounts and actors, audited. Suspending an account or disabling an actor
 * (and re-activating either) evicts the relay's cached checks on every node before it returns, so
 * no request that starts afterwards passes with the old standing.
 */
@Component
public class AccessAdministration {

    private final Accounts accounts;
    private final Actors actors;
    private final GatewayCallers callers;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;

    AccessAdministration(
            Accounts accounts,
            Actors actors,
            GatewayCallers callers,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock) {
        this.accounts = accounts;
        this.actors = actors;
        this.callers = callers;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    public Account createAccount(TenantId tenant, String name, Account.Status status, Actor by) {
        String publicId = ids.next("acct");
        Instant now = clock.instant();
        return tx.inTenant(
                tenant,
                () -> {
                    Account a = accounts.insert(tenant, publicId, name, status, now);
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway.account.created")
                                    .withTarget("gateway_account", publicId)
                                    .withDetails(Map.of("name", name, "status", status.wire())));
                    return a;
                });
    }

    public Account updateAccount(
            TenantId tenant, Account current, String name, Account.Status status, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    Account updated =
                            accounts.update(tenant, current.id(), name, status, clock.instant());
                    if (status != current.status()) {
                        callers.accountChanged(current.id());
                    }
                    audit.record(
                            AuditEntry.of(
                                            tenant,
                                            by,
                                            status == current.status()
                                                    ? "gateway.account.updated"
                                                    : status == Account.Status.SUSPENDED
                                                            ? "gateway.account.suspended"
                                                            : "gateway.account.reactivated")
                                    .withTarget("gateway_account", current.publicId())
                                    .withDetails(
                                            changes(
                                                    current.name(),
                                                    name,
                                                    current.status().wire(),
                                                    status.wire())));
                    return updated;
                });
    }

    public GatewayActor createActor(
            TenantId tenant,
            Account account,
            String name,
            @Nullable String email,
            GatewayActor.Status status,
            Actor by) {
        String publicId = ids.next("act");
        Instant now = clock.instant();
        return tx.inTenant(
                tenant,
                () -> {
                    GatewayActor a =
                            actors.insert(tenant, publicId, account.id(), name, email, status, now);
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway.actor.created")
                                    .withTarget("gateway_actor", publicId)
                                    .withDetails(
                                            Map.of(
                                                    "account_id",
                                                    account.publicId(),
                                                    "name",
                                                    name,
                                                    "status",
                                                    status.wire())));
                    return a;
                });
    }

    public GatewayActor updateActor(
            TenantId tenant,
            GatewayActor current,
            String name,
            @Nullable String email,
            GatewayActor.Status status,
            Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    GatewayActor updated =
                            actors.update(
                                    tenant, current.id(), name, email, status, clock.instant());
                    if (status != current.status()) {
                        callers.actorChanged(current.id());
                    }
                    audit.record(
                            AuditEntry.of(
                                            tenant,
                                            by,
                                            status == current.status()
                                                    ? "gateway.actor.updated"
                                                    : status == GatewayActor.Status.DISABLED
                                                            ? "gateway.actor.disabled"
                                                            : "gateway.actor.enabled")
                                    .withTarget("gateway_actor", current.publicId())
                                    .withDetails(
                                            changes(
                                                    current.name(),
                                                    name,
                                                    current.status().wire(),
                                                    status.wire())));
                    return updated;
                });
    }

    private static Map<String, Object> changes(
            String fromName, String toName, String fromStatus, String toStatus) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!fromName.equals(toName)) {
            out.put("name", Map.of("from", fromName, "to", toName));
        }
        if (!fromStatus.equals(toStatus)) {
            out.put("status", Map.of("from", fromStatus, "to", toStatus));
        }
        return out;
    }
}
