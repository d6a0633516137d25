package dev.gatehouse.domains;

import java.util.Optional;

/**
 * The status machine, as a pure function of the current status and what DNS showed. The caller
 * applies each step with a compare-and-swap and asks again from the status it then holds, so a
 * pending connection whose records are all in place goes to {@code verified} and then to {@code
 * live} in one check.
 */
final class Transitions {

    private Transitions() {}

    /** What the facts of one check are. */
    record Facts(boolean ownershipProven, boolean routed, boolean pastDeadline, boolean manual) {}

    /**
     * One step: the status to move to, the webhook event it fires, and the failure reason it
     * records.
     */
    record Step(
            ConnectionStatus to, String event, @org.jspecify.annotations.Nullable String reason) {}

    static Optional<Step> next(ConnectionStatus from, Facts f) {
        return switch (from) {
            case PENDING ->
                    f.ownershipProven()
                            ? Optional.of(
                                    new Step(
                                            ConnectionStatus.VERIFIED, "connection.verified", null))
                            : failIfLate(f);
            case VERIFIED ->
                    f.routed()
                            ? Optional.of(new Step(ConnectionStatus.LIVE, "connection.live", null))
                            : failIfLate(f);
            case LIVE ->
                    f.routed()
                            ? Optional.empty()
                            : Optional.of(
                                    new Step(
                                            ConnectionStatus.VERIFIED,
                                            "connection.degraded",
                                            "routing_mismatch"));
            case FAILED ->
                    f.manual() && f.ownershipProven()
                            ? Optional.of(
                                    new Step(
                                            ConnectionStatus.VERIFIED, "connection.verified", null))
                            : Optional.empty();
            case REMOVED -> Optional.empty();
        };
    }

    private static Optional<Step> failIfLate(Facts f) {
        return f.pastDeadline() && !f.manual()
                ? Optional.of(
                        new Step(ConnectionStatus.FAILED, "connection.failed", "deadline_passed"))
                : Optional.empty();
    }
}
