package dev.gatehouse.kernel.vault;

import java.util.Objects;

/**
 * The outcome of {@link Vault#open}. A value that does not open is an expected outcome (a row
 * copied elsewhere, a tampered byte, a retired key), so it is a value, never an exception, and
 * never carries any part of the plaintext.
 */
public sealed interface Opened {

    /** The value opened; the caller owns {@code secret} and must close it. */
    record Revealed(RevealedSecret secret) implements Opened {
        public Revealed {
            Objects.requireNonNull(secret, "secret");
        }
    }

    /** The value did not open. */
    record Failed(Failure reason) implements Opened {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a value did not open. */
    enum Failure {
        /** Not a sealed value in a known format. */
        MALFORMED,
        /** Its purpose's key ring is not configured ({@code CREDENTIAL_ENC_KEY} is not set). */
        NO_KEY_RING,
        /** Sealed under a key id that is neither the current nor a previous key of its ring. */
        UNKNOWN_KEY,
        /**
         * Authentication failed: tampered, or sealed for another place (row, column, table, tenant,
         * purpose).
         */
        NOT_AUTHENTIC
    }
}
