package dev.gatehouse.domains;

import dev.gatehouse.domains.ask.LiveHostnames;
import dev.gatehouse.kernel.tenancy.TenantStatusChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A suspended tenant's hostnames stop being served at once: every node forgets its cached {@code
 * ask} answers in the transaction that changes the tenant's status (and again on re-activation, so
 * its live hostnames are allowed again without waiting for a cache expiry).
 */
@Component
class TenantSuspensions {

    private final LiveHostnames live;

    TenantSuspensions(LiveHostnames live) {
        this.live = live;
    }

    @EventListener
    void on(TenantStatusChanged change) {
        live.changedAll();
    }
}
