package dev.gatehouse.kernel.keys;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a key may do. {@code *:admin} implies the matching {@code *:read}. {@link #TENANTS_ADMIN}
 * belongs to operator keys only and grants nothing inside a tenant.
 */
public enum Scope {
    APPS_READ("apps:read"),
    APPS_ADMIN("apps:admin"),
    CONNECTIONS_READ("connections:read"),
    CONNECTIONS_WRITE("connections:write"),
    KEYS_ADMIN("keys:admin"),
    GATEWAY_READ("gateway:read"),
    GATEWAY_ADMIN("gateway:admin"),
    AUDIT_READ("audit:read"),
    SYNC_READ("sync:read"),
    SYNC_ADMIN("sync:admin"),
    TENANTS_ADMIN("tenants:admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** The name on the wire, e.g. {@code keys:admin}. */
    public String wire() {
        return wire;
    }

    /** Every scope a tenant key may hold. */
    public static Set<Scope> tenantScopes() {
        EnumSet<Scope> all = EnumSet.allOf(Scope.class);
        all.remove(TENANTS_ADMIN);
        return all;
    }

    public static Optional<Scope> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    /**
     * The scopes {@code granted} gives, with each {@code *:admin} expanded to its {@code *:read}.
     */
    public static Set<Scope> effective(Set<Scope> granted) {
        EnumSet<Scope> out =
                granted.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(granted);
        if (granted.contains(APPS_ADMIN)) {
            out.add(APPS_READ);
        }
        if (granted.contains(GATEWAY_ADMIN)) {
            out.add(GATEWAY_READ);
        }
        if (granted.contains(SYNC_ADMIN)) {
            out.add(SYNC_READ);
        }
        return out;
    }
}
