package dev.gatehouse.kernel.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a key may do, written {@code resource:verb} on the wire ({@code keys:admin}). The kernel
 * declares its own scopes ({@link #KERNEL}); a product declares its scopes in its {@code
 * ProductModule}, and {@link ScopeCatalog} knows every declared one. A scope string stored with a
 * key is kept as it is even when no installed product declares it: it grants nothing until one
 * does. {@link #TENANTS_ADMIN} belongs to operator keys only and grants nothing inside a tenant.
 *
 * @param wire the name on the wire; 1 to 64 characters
 */
public record Scope(String wire) implements Comparable<Scope> {

    /** The shape every declared scope has: {@code resource:verb}, lower case. */
    static final Pattern DECLARED =
            Pattern.compile("^[a-z][a-z0-9_-]{0,30}:[a-z][a-z0-9_-]{0,30}$");

    public static final Scope KEYS_ADMIN = new Scope("keys:admin");
    public static final Scope AUDIT_READ = new Scope("audit:read");
    public static final Scope TENANTS_ADMIN = new Scope("tenants:admin");

    /** The kernel's own scopes. */
    public static final List<Scope> KERNEL = List.of(KEYS_ADMIN, AUDIT_READ, TENANTS_ADMIN);

    public Scope {
        Objects.requireNonNull(wire, "wire");
        if (wire.isEmpty() || wire.length() > 64) {
            throw new IllegalArgumentException(
                    "a scope is 1 to 64 characters, was " + wire.length());
        }
    }

    /** True for a {@code resource:read} scope. */
    public boolean isRead() {
        return wire.endsWith(":read");
    }

    /** For {@code resource:admin}, the {@code resource:read} it implies; else empty. */
    public Optional<Scope> impliedRead() {
        return wire.endsWith(":admin")
                ? Optional.of(new Scope(wire.substring(0, wire.length() - 6) + ":read"))
                : Optional.empty();
    }

    @Override
    public int compareTo(Scope other) {
        return wire.compareTo(other.wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
