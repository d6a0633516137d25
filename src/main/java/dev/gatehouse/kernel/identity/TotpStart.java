package dev.gatehouse.kernel.identity;

/** The outcome of the first step of enabling TOTP. */
public sealed interface TotpStart {

    /** A new secret to show once; confirm it with a code to switch the second factor on. */
    record Begun(TotpEnrollment enrollment) implements TotpStart {}

    /** The second factor is already on; disable it first to enrol a new device. */
    record AlreadyEnabled() implements TotpStart {}

    /** The user no longer exists or is disabled. */
    record NotFound() implements TotpStart {}
}
