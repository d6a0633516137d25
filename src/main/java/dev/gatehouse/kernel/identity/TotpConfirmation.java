package dev.gatehouse.kernel.identity;

/** The outcome of the second step of enabling TOTP. */
public sealed interface TotpConfirmation {

    /** The second factor is on; {@code codes} are shown once. */
    record Enabled(RecoveryCodes codes) implements TotpConfirmation {}

    /** The code did not match the new secret. */
    record WrongCode() implements TotpConfirmation {}

    /** No enrolment was begun. */
    record NotBegun() implements TotpConfirmation {}

    /** The second factor is already on. */
    record AlreadyEnabled() implements TotpConfirmation {}

    /** The user no longer exists or is disabled. */
    record NotFound() implements TotpConfirmation {}
}
