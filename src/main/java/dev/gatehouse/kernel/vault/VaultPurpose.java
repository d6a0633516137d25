package dev.gatehouse.kernel.vault;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a sealed value is for. Each purpose has its own sub-key, derived with HKDF-SHA256 from the
 * root key of its ring under {@code label}, so a value sealed for one purpose never opens under
 * another. The kernel declares its own purposes ({@link #KERNEL}); a product declares its purposes
 * in its {@code ProductModule}, which checks at start that no two share a name or a label.
 *
 * <p>Both {@code name} and {@code label} are part of what a sealed value is bound to: {@code label}
 * selects the sub-key, {@code name} is in the associated data. Changing either makes every value
 * sealed for the purpose unreadable, so once a purpose has sealed anything, both are fixed forever.
 *
 * @param name upper case with underscores, such as {@code USER_SECRETS}; bound into each value
 * @param label lower case with dashes, such as {@code user-secrets}; the HKDF label of the sub-key
 * @param ring the key ring that seals it
 */
public record VaultPurpose(String name, String label, Ring ring) {

    private static final Pattern NAME = Pattern.compile("^[A-Z][A-Z0-9_]{0,62}$");
    private static final Pattern LABEL = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    /** Portal users' second-factor (TOTP) secrets. */
    public static final VaultPurpose USER_SECRETS =
            new VaultPurpose("USER_SECRETS", "user-secrets", Ring.APP_KEY);

    /** The purposes the kernel itself seals with. */
    public static final List<VaultPurpose> KERNEL = List.of(USER_SECRETS);

    public VaultPurpose {
        Objects.requireNonNull(ring, "ring");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a vault purpose name must match " + NAME.pattern() + ", was " + name);
        }
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(
                    "a vault purpose label must match " + LABEL.pattern() + ", was " + label);
        }
    }

    /** The two independent key rings, named after the environment variables that feed them. */
    public enum Ring {
        /** {@code APP_KEY}: always configured. */
        APP_KEY,
        /** {@code CREDENTIAL_ENC_KEY}: optional; purposes on it cannot seal without it. */
        CREDENTIAL_ENC_KEY
    }

    @Override
    public String toString() {
        return name;
    }
}
