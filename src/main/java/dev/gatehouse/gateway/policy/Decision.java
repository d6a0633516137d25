package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Objects;

/** What {@link RelayDecision#decide} concluded: relay it, or refuse it with a reason. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    /**
     * Relay the request.
     *
     * @param path the canonical path; {@link CanonicalPath#upstreamPath()} is what goes upstream
     * @param endpoint the catalog endpoint it matched
     * @param grant the granting policy and rule; null only for an {@code admin_unrestricted} set
     *     that no policy of its own grants this request
     */
    record Allow(CanonicalPath path, Endpoint endpoint, @Nullable Grant grant) implements Decision {
        public Allow {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /**
     * Refuse the request.
     *
     * @param reason the check that failed; its status and code are the answer
     * @param detail an internal detail for the audit (the path refusal, the credential failure);
     *     never shown to the client
     * @param endpoint the endpoint matched before the failing check, if it got that far
     * @param grant the policy and rule that granted it, for {@link DenyReason#OUTSIDE_SCHEDULE}
     * @param nextWindowStart for {@link DenyReason#OUTSIDE_SCHEDULE}: when the schedule opens next,
     *     in its zone
     * @param retryAfter for {@link DenyReason#RATE_LIMITED}: when to retry
     */
    record Deny(
            DenyReason reason,
            String detail,
            @Nullable Endpoint endpoint,
            @Nullable Grant grant,
            @Nullable ZonedDateTime nextWindowStart,
            @Nullable Duration retryAfter)
            implements Decision {

        public Deny {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        static Deny of(DenyReason reason, String detail) {
            return new Deny(reason, detail, null, null, null, null);
        }
    }
}
