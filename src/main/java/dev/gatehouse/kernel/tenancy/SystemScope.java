package dev.gatehouse.kernel.tenancy;

import java.util.Objects;

/**
 * Permission to work across tenants: the {@code ask} lookup, background workers, the operator API,
 * key verification before the tenant is known. Only the classes named in the architecture test may
 * create one; everything else works inside one tenant.
 *
 * @param purpose why the scope is open, for logs and review ("api-key lookup", "audit sealer")
 */
public record SystemScope(String purpose) {

    public SystemScope {
        Objects.requireNonNull(purpose, "purpose");
        if (purpose.isBlank()) {
            throw new IllegalArgumentException("a system scope needs a purpose");
        }
    }
}
