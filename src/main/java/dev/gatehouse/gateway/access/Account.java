package dev.gatehouse.gateway.access;

import java.time.Instant;

/**
 * A partner organisation or internal team ({@code acct_…}) whose actors hold credential sets.
 *
 * @param id the internal key, never serialized
 */
public record Account(
        long id,
        String publicId,
        String name,
        Status status,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the account's credential sets may be used. */
    public enum Status {
        ACTIVE("active"),
        SUSPENDED("suspended");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The status named {@code wire}, or null. */
        public static @org.jspecify.annotations.Nullable Status fromWire(String wire) {
            for (Status s : values()) {
                if (s.wire.equals(wire)) {
                    return s;
                }
            }
            return null;
        }
    }
}
