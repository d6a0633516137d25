package dev.gatehouse.kernel.identity;

/** The outcome of a user changing their own password. */
public sealed interface PasswordChange {

    /** Changed; the user no longer has to change it. */
    record Changed() implements PasswordChange {}

    /** The current password given was wrong. */
    record WrongPassword() implements PasswordChange {}

    /** The new password breaks a rule; {@code message} is fit to show the user. */
    record Rejected(PasswordPolicy.Rule rule, String message) implements PasswordChange {}

    /** Too many attempts on this account; try again later. */
    record Throttled(long retryAfterSeconds) implements PasswordChange {}

    /** The user no longer exists or is disabled. */
    record NotFound() implements PasswordChange {}
}
