package dev.gatehouse.kernel.tenancy;

/**
 * The internal key of a tenant. Every repository method that reads or writes tenant data takes one,
 * so no call can forget which tenant it works for. Never serialized: clients see the public {@code
 * ten_…} id instead.
 *
 * @param value the database key, positive
 */
public record TenantId(long value) {

    public TenantId {
        if (value <= 0) {
            throw new IllegalArgumentException("tenant id must be positive, was " + value);
        }
    }

    @Override
    public String toString() {
        return "TenantId[" + value + "]";
    }
}
