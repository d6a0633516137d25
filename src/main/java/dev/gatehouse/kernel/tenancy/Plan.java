package dev.gatehouse.kernel.tenancy;

import java.util.Arrays;
import java.util.Optional;

/**
 * A tenant's commercial plan: a label the operator sets. Limits are the tenant's own, kept by the
 * product they limit ({@code dev.gatehouse.kernel.operator.TenantLimits}), so an operator can raise
 * one tenant's limit without inventing a plan for it.
 */
public enum Plan {
    FREE("free"),
    TEAM("team"),
    BUSINESS("business");

    private final String wire;

    Plan(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Plan> fromWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }
}
