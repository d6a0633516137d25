package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of the relay's credential checks (2 and 3 of the contract's table) for one request,
 * as a value. Only the relay's HTTP edge turns a {@link Refused} into its 401, the same for every
 * reason.
 */
public sealed interface CallerCheck {

    record Allowed(GatewayCaller caller) implements CallerCheck {}

    /**
     * Refused, with the true reason.
     *
     * @param reason the true reason, for the audit trail only
     * @param who the token's holder when the token was known (for the audit trail), else null
     */
    record Refused(Refusal reason, @Nullable GatewayCaller who) implements CallerCheck {}
}
