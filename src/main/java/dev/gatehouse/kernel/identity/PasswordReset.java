package dev.gatehouse.kernel.identity;

/** The outcome of an operator resetting a password by e-mail. */
public sealed interface PasswordReset {

    /** Reset; {@code password} is shown once and must be changed at the next sign-in. */
    record Reset(UserRef user, OneTimePassword password) implements PasswordReset {}

    /** No user has that e-mail address. */
    record UnknownEmail() implements PasswordReset {}
}
