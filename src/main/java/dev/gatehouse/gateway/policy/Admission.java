package dev.gatehouse.gateway.policy;

import java.util.Objects;

/**
 * The outcome of checks 2–3 (token, x-api-key, client address, and the state of credential set,
 * actor, account and tenant), decided by the caller before {@link RelayDecision#decide}, which
 * applies it after the kill switch and before the path.
 */
public sealed interface Admission {

    /** Checks 2–3 passed for a credential set of this kind. */
    record Admitted(CredentialKind kind) implements Admission {
        public Admitted {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * Checks 2–3 failed.
     *
     * @param reason the true reason for the audit ({@code token_expired}, {@code ip_not_allowed}…);
     *     the client only ever sees {@code unauthorized}
     */
    record Refused(String reason) implements Admission {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
