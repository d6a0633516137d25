package dev.gatehouse.kernel.tenancy;

import java.time.Instant;

/** An organisation using Gatehouse. */
public record Tenant(
        TenantId id,
        String publicId,
        String name,
        String slug,
        Status status,
        Plan plan,
        Instant createdAt,
        Instant updatedAt) {

    public enum Status {
        ACTIVE,
        SUSPENDED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Status> fromWire(String s) {
            return switch (s) {
                case "active" -> java.util.Optional.of(ACTIVE);
                case "suspended" -> java.util.Optional.of(SUSPENDED);
                default -> java.util.Optional.empty();
            };
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
