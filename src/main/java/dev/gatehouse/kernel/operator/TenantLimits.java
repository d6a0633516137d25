package dev.gatehouse.kernel.operator;

import dev.gatehouse.kernel.tenancy.TenantId;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Per-tenant limits a product keeps in its own table, shown and changed through the operator API
 * ({@code GET/PATCH /v1/tenants/{id}}, under {@code limits}). A product contributes one bean; the
 * kernel checks names and ranges, calls it inside its own transactions, and audits every change in
 * {@code tenant.updated}, so the product only stores and reads its values.
 *
 * <p>Every method runs inside the operator's system-scope transaction; a tenant-bound transaction
 * opened inside joins it.
 */
public interface TenantLimits {

    /** The limits, each a whole number in a range; names are unique across products. */
    List<Limit> limits();

    /** Stores the starting values of a new tenant, in the transaction that creates it. */
    void tenantCreated(TenantId tenant);

    /** The tenant's values, one per limit of {@link #limits()}. */
    Map<String, Integer> values(TenantId tenant);

    /**
     * Stores {@code values}: names of {@link #limits()}, each already checked against its range.
     */
    void change(TenantId tenant, Map<String, Integer> values);

    /**
     * One limit.
     *
     * @param name the field in the API, snake_case, such as {@code max_connections}
     * @param min the smallest value allowed
     * @param max the largest value allowed
     */
    record Limit(String name, int min, int max) {

        private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

        public Limit {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "a limit's name must match " + NAME.pattern() + ", was " + name);
            }
            if (min > max) {
                throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
            }
        }

        /** The message for a value out of range or of the wrong type. */
        String rule() {
            return "must be a whole number between " + min + " and " + max;
        }
    }
}
