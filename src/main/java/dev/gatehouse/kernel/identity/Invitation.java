package dev.gatehouse.kernel.identity;

/** The outcome of creating a user (an invitation or a tenant's first owner). */
public sealed interface Invitation {

    /** Created; {@code password} is shown once and must be changed at first sign-in. */
    record Invited(User user, OneTimePassword password) implements Invitation {}

    /** Another user, in this or any tenant, has that e-mail address. */
    record EmailTaken() implements Invitation {}

    /** An argument is unusable; {@code message} says why. */
    record Invalid(String field, String message) implements Invitation {}

    /** The actor may not create this user. */
    record NotAllowed(RoleRules.Reason reason, String message) implements Invitation {}
}
