package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.keys.ScopeCatalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
    /** Reads everything, and does the day-to-day work products grant operators. */
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

    /**
     * The scopes a user with this role holds among those {@code catalog} declares; never {@code
     * tenants:admin}. Owners and admins hold every tenant scope, operators every read scope and the
     * scopes products grant operators, viewers every read scope.
     */
    public Set<Scope> scopes(ScopeCatalog catalog) {
        return switch (this) {
            case OWNER, ADMIN -> catalog.tenantScopes();
            case OPERATOR -> {
                Set<Scope> scopes = new TreeSet<>(catalog.readScopes());
                scopes.addAll(catalog.operatorScopes());
                yield scopes;
            }
            case VIEWER -> catalog.readScopes();
        };
    }
}
