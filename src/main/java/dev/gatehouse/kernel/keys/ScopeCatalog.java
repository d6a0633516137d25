package dev.gatehouse.kernel.keys;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every scope this installation knows: the kernel's and those the installed products declare.
 * Immutable and thread-safe.
 *
 * <p>Design: scopes are strings stored with each key, and products come and go (a product not yet
 * installed, a jar without it). So a stored scope is never dropped or refused when read back; it
 * simply grants nothing while no installed product declares it ({@link #effective}), and grants
 * again as soon as one does. New keys can only be minted with declared scopes ({@link #find}).
 * {@code resource:admin} implies {@code resource:read} whenever both are declared.
 */
public final class ScopeCatalog {

    private final SortedSet<Scope> declared;
    private final Set<Scope> operatorScopes;

    private ScopeCatalog(Set<Scope> declared, Set<Scope> operatorScopes) {
        this.declared = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(declared));
        this.operatorScopes = Set.copyOf(operatorScopes);
    }

    /**
     * The kernel's scopes plus {@code productScopes}.
     *
     * @param operatorScopes product scopes a portal operator holds besides every read scope
     * @throws IllegalArgumentException when a product scope is not {@code resource:verb}, repeats
     *     another, or an operator scope is not declared
     */
    public static ScopeCatalog of(Collection<Scope> productScopes, Set<Scope> operatorScopes) {
        Set<Scope> all = new HashSet<>(Scope.KERNEL);
        for (Scope s : productScopes) {
            if (!Scope.DECLARED.matcher(s.wire()).matches()) {
                throw new IllegalArgumentException(
                        "scope " + s + " must match " + Scope.DECLARED.pattern());
            }
            if (!all.add(s)) {
                throw new IllegalArgumentException("scope " + s + " is declared twice");
            }
        }
        for (Scope s : operatorScopes) {
            if (!all.contains(s) || Scope.KERNEL.contains(s)) {
                throw new IllegalArgumentException(
                        "operator scope " + s + " is not a declared product scope");
            }
        }
        return new ScopeCatalog(all, operatorScopes);
    }

    /** The kernel's scopes only: an installation without products. */
    public static ScopeCatalog kernelOnly() {
        return of(Set.of(), Set.of());
    }

    /** The declared scope named {@code wire}; empty for anything else. */
    public Optional<Scope> find(String wire) {
        Scope s;
        try {
            s = new Scope(wire);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return declared.contains(s) ? Optional.of(s) : Optional.empty();
    }

    /** Every scope a tenant key may hold: all declared ones but {@code tenants:admin}. */
    public Set<Scope> tenantScopes() {
        Set<Scope> out = new TreeSet<>(declared);
        out.remove(Scope.TENANTS_ADMIN);
        return out;
    }

    /** Every declared {@code resource:read} scope. */
    public Set<Scope> readScopes() {
        Set<Scope> out = new TreeSet<>();
        declared.stream().filter(Scope::isRead).forEach(out::add);
        return out;
    }

    /** The product scopes a portal operator holds besides every read scope. */
    public Set<Scope> operatorScopes() {
        return operatorScopes;
    }

    /**
     * What {@code granted} (as stored with a key) allows: its declared scopes, each {@code
     * resource:admin} with its declared {@code resource:read}. Undeclared scopes grant nothing.
     */
    public Set<Scope> effective(Collection<Scope> granted) {
        Set<Scope> out = new TreeSet<>();
        for (Scope s : granted) {
            if (declared.contains(s)) {
                out.add(s);
                s.impliedRead().filter(declared::contains).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ScopeCatalog" + declared;
    }
}
