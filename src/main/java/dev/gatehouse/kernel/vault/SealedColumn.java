package dev.gatehouse.kernel.vault;

import org.jspecify.annotations.Nullable;

/**
 * A column that holds sealed values in their text form, registered as a bean by the module that
 * owns the table so that {@link VaultRotation} can re-seal it. The names are checked against {@code
 * ^[a-z_][a-z0-9_]{0,62}$} here, before any SQL is built from them.
 *
 * <p>The values must have been sealed with a {@link SecretPlace} of this purpose, table and column,
 * the row's id as PostgreSQL prints it, and the tenant from {@code tenantColumn} (a {@code
 * bigint}), or no tenant when {@code tenantColumn} is null or the row's tenant is {@code NULL}.
 *
 * @param purpose the purpose the values were sealed for
 * @param table the table
 * @param idColumn its primary key column (sortable: bigint, uuid or text)
 * @param tenantColumn the column holding the tenant id, or null for tables outside tenancy
 * @param column the column holding the sealed values ({@code text}, nullable)
 */
public record SealedColumn(
        VaultPurpose purpose,
        String table,
        String idColumn,
        @Nullable String tenantColumn,
        String column) {

    public SealedColumn {
        java.util.Objects.requireNonNull(purpose, "purpose");
        SecretPlace.checkIdentifier("table", table);
        SecretPlace.checkIdentifier("id column", idColumn);
        if (tenantColumn != null) {
            SecretPlace.checkIdentifier("tenant column", tenantColumn);
        }
        SecretPlace.checkIdentifier("column", column);
    }

    @Override
    public String toString() {
        return table + "." + column + " (" + purpose + ")";
    }
}
