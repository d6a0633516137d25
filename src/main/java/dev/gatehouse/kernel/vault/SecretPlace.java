package dev.gatehouse.kernel.vault;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a sealed value lives. The place is authenticated with the ciphertext, so a value copied
 * into another row, column, table, tenant or purpose does not open.
 *
 * @param purpose what the value is for; selects the key ring and sub-key
 * @param tenant the owning tenant, or null for values outside any tenant
 * @param table the table name, matching {@code ^[a-z_][a-z0-9_]{0,62}$}
 * @param column the column name, same rule
 * @param rowId the row's id as text (as PostgreSQL prints it: {@code 42}, a UUID in lowercase); 1
 *     to 200 characters
 */
public record SecretPlace(
        VaultPurpose purpose,
        @Nullable TenantId tenant,
        String table,
        String column,
        String rowId) {

    static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int MAX_ROW_ID = 200;
    private static final String DOMAIN = "gatehouse/vault/place";

    public SecretPlace {
        Objects.requireNonNull(purpose, "purpose");
        checkIdentifier("table", table);
        checkIdentifier("column", column);
        Objects.requireNonNull(rowId, "rowId");
        if (rowId.isEmpty() || rowId.length() > MAX_ROW_ID) {
            throw new IllegalArgumentException(
                    "row id must be 1 to " + MAX_ROW_ID + " characters, was " + rowId.length());
        }
    }

    /** Throws unless {@code name} is a plain lowercase SQL identifier. */
    static void checkIdentifier(String what, @Nullable String name) {
        Objects.requireNonNull(name, what);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    what + " must match ^[a-z_][a-z0-9_]{0,62}$, was \"" + name + "\"");
        }
    }

    /**
     * The associated data of AES-GCM: a domain label, format version, key id and every field of the
     * place, each length-prefixed so that no two different places encode alike.
     */
    byte[] associatedData(int version, KeyId keyId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, DOMAIN);
            out.writeInt(version);
            field(out, keyId.value());
            field(out, purpose.name());
            out.writeBoolean(tenant != null);
            out.writeLong(tenant == null ? 0 : tenant.value());
            field(out, table);
            field(out, column);
            field(out, rowId);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
