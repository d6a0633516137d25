package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.tenancy.TenantStatusChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A suspended tenant's gateway tokens stop passing at once: every node drops the tenant's cached
 * checks in the transaction that changes its status (and again on re-activation).
 */
@Component
class TenantStandings {

    private final GatewayCallers callers;

    TenantStandings(GatewayCallers callers) {
        this.callers = callers;
    }

    @EventListener
    void on(TenantStatusChanged change) {
        callers.tenantChanged(change.tenant());
    }
}
