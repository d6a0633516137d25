package dev.gatehouse.kernel.tenancy;

import java.util.Arrays;
import java.util.Optional;

/**
 * A tenant's plan and the limits it carries. Products read their limit from here, so changing a
 * tenant's plan changes every limit at once.
 */
public enum Plan {
    FREE("free", 10),
    TEAM("team", 250),
    BUSINESS("business", 5_000);

    private final String wire;
    private final int maxConnections;

    Plan(String wire, int maxConnections) {
        this.wire = wire;
        this.maxConnections = maxConnections;
    }

    public String wire() {
        return wire;
    }

    /** Custom-domain connections a tenant may hold at once (Connect Domain). */
    public int maxConnections() {
        return maxConnections;
    }

    public static Optional<Plan> fromWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }
}
