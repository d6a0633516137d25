package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.keys.Scope;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a portal user may do, expressed in the same {@link Scope}s as API keys. Ranked {@code owner
 * > admin > operator > viewer}; nobody grants or manages a role above their own (see {@link
 * RoleRules}).
 */
public enum Role {
    /** Everything in the tenant; at least one active owner always remains. */
    OWNER(4),
    /** Everything in the tenant. */
    ADMIN(3),
    /** Reads everything, runs sync, manages gateway credentials. */
    OPERATOR(2),
    /** Reads everything. */
    VIEWER(1);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    /** The stored and serialized name, e.g. {@code owner}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
    }

    /** True when this role ranks strictly above {@code other}. */
    public boolean outranks(Role other) {
        return rank > other.rank;
    }

    /** True when this role ranks at least as high as {@code other}. */
    public boolean atLeast(Role other) {
        return rank >= other.rank;
    }

    /** The scopes a user with this role holds; never {@code tenants:admin}. */
    public Set<Scope> scopes() {
        return switch (this) {
            case OWNER, ADMIN -> Scope.tenantScopes();
            case OPERATOR -> {
                EnumSet<Scope> scopes = EnumSet.copyOf(readScopes());
                scopes.add(Scope.SYNC_ADMIN);
                scopes.add(Scope.GATEWAY_ADMIN);
                yield scopes;
            }
            case VIEWER -> readScopes();
        };
    }

    private static Set<Scope> readScopes() {
        EnumSet<Scope> reads = EnumSet.noneOf(Scope.class);
        for (Scope s : Scope.tenantScopes()) {
            if (s.wire().endsWith(":read")) {
                reads.add(s);
            }
        }
        return reads;
    }
}
