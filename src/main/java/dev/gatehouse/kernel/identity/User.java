package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Locale;

/**
 * A portal user as the rest of Gatehouse sees one: no password hash, no TOTP secret.
 *
 * @param publicId {@code usr_…}
 * @param email lowercased, unique across the installation
 * @param totpEnabled whether sign-in asks for a second factor
 */
public record User(
        String publicId,
        TenantId tenant,
        String email,
        String displayName,
        Role role,
        Status status,
        boolean mustChangePassword,
        boolean totpEnabled,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastSignedInAt) {

    /** Whether the user may sign in. */
    public enum Status {
        ACTIVE,
        DISABLED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromWire(String wire) {
            return switch (wire) {
                case "active" -> ACTIVE;
                case "disabled" -> DISABLED;
                default -> throw new IllegalStateException("unknown stored user status " + wire);
            };
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
