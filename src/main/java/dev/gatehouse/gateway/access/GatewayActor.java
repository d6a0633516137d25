package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A person or system inside an account that holds credential sets ({@code act_…}). Named apart from
 * the audit trail's {@code Actor} (who did something), which it is not.
 *
 * @param id the internal key, never serialized
 * @param accountId the internal key of its account
 */
public record GatewayActor(
        long id,
        String publicId,
        long accountId,
        String accountPublicId,
        String name,
        @Nullable String email,
        Status status,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the actor's credential sets may be used. */
    public enum Status {
        ACTIVE("active"),
        DISABLED("disabled");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The status named {@code wire}, or null. */
        public static @Nullable Status fromWire(String wire) {
            for (Status s : values()) {
                if (s.wire.equals(wire)) {
                    return s;
                }
            }
            return null;
        }
    }
}
