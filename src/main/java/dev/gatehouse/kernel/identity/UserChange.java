package dev.gatehouse.kernel.identity;

/** The outcome of changing another user: role, status, removal, second factor. */
public sealed interface UserChange {

    /** Done; {@code user} as it is now (for a removal: as it was). */
    record Changed(User user) implements UserChange {}

    /** The tenant has no such user (answer 404, as for another tenant's user). */
    record NotFound() implements UserChange {}

    /** Refused by {@link RoleRules}; {@code message} is fit to show the actor. */
    record NotAllowed(RoleRules.Reason reason, String message) implements UserChange {}
}
