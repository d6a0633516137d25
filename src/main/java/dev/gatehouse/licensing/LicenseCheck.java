package dev.gatehouse.licensing;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** The outcome of asking the license server once. */
sealed interface LicenseCheck {

    /** A signed, fresh answer: active, with the expiry the server gave, if any. */
    record Active(@Nullable Instant expiresAt) implements LicenseCheck {}

    /** A signed, fresh answer: not active; or nothing to ask with. */
    record Inactive(String reason) implements LicenseCheck {}

    /** No usable answer, and why (never a secret). */
    record Failed(String reason) implements LicenseCheck {}
}
