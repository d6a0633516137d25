package dev.gatehouse.erpsync.ledger;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One row of the ledger as stored. */
public record LedgerEntry(
        long id,
        long companyId,
        Kind kind,
        String sageKey,
        State state,
        @Nullable String source,
        @Nullable String portalId,
        int attempts,
        @Nullable String lastError,
        @Nullable Instant nextAttemptAt,
        Instant firstSeenAt,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant sentAt) {

    /** What is sent. */
    public enum Kind {
        PURCHASE_ORDER("purchase_order"),
        PAYMENT("payment");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Kind of(String wire) {
            return wire.equals("payment") ? PAYMENT : PURCHASE_ORDER;
        }
    }

    /** Where an item stands. */
    public enum State {
        SENDING,
        SENT,
        FAILED,
        UNANSWERED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
