package dev.gatehouse.domains;

import dev.gatehouse.domains.ask.LiveHostnames;
import dev.gatehouse.kernel.tenancy.TenantStatusChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A suspended tenant's hostnames stop being served at once: the transaction that changes the
 * tenant's status has every node re-read the tenant's live hostnames for {@code ask} (and again on
 * re-activation, so they are allowed again as soon as the call returns).
 */
@Component
class TenantSuspensions {

    private final LiveHostnames live;

    TenantSuspensions(LiveHostnames live) {
        this.live = live;
    }

    @EventListener
    void on(TenantStatusChanged change) {
        live.changedTenant(change.tenant());
    }
}
