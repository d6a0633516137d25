package dev.gatehouse.domains;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The status machine, as a pure function of the current status and what DNS showed. The caller
 * applies each step with a compare-and-swap and asks again from the status it then holds, so a
 * pending connection whose records are all in place goes to {@code verified} and then to {@code
 * live} in one check.
 *
 * <p>DNS servers that did not answer (SERVFAIL, timeout) are not evidence against the customer: a
 * check whose deciding records went unanswered never degrades a live connection, and fails a late
 * one only once the outage grace after the deadline has passed too (ADR 16).
 */
final class Transitions {

    /** Failure reason: the ownership TXT record was answered, without the challenge. */
    static final String OWNERSHIP_NOT_PROVEN = "ownership_not_proven";

    /** Failure reason: the routing records were answered, not pointing at the target. */
    static final String ROUTING_MISMATCH = "routing_mismatch";

    /** Failure reason: the DNS servers did not answer for the deciding records. */
    static final String DNS_UNAVAILABLE = "dns_unavailable";

    static final String DEADLINE_PASSED = "deadline_passed";

    /**
     * How long past its deadline a connection whose DNS servers do not answer is still retried
     * before it fails (with {@code dns_unavailable}): an outage is not the customer's mismatch, but
     * servers that never answer are a broken zone.
     */
    static final Duration OUTAGE_GRACE = Duration.ofHours(24);

    private Transitions() {}

    /**
     * What the facts of one check are.
     *
     * @param ownershipUnanswered an ownership record got no answer (SERVFAIL, timeout)
     * @param routingUnanswered a routing record got no answer and routing is not proven otherwise
     * @param pastOutageGrace the deadline plus the outage grace has passed
     */
    record Facts(
            boolean ownershipProven,
            boolean routed,
            boolean pastDeadline,
            boolean manual,
            boolean ownershipUnanswered,
            boolean routingUnanswered,
            boolean pastOutageGrace) {

        /** Facts of a check where every record was answered. */
        Facts(boolean ownershipProven, boolean routed, boolean pastDeadline, boolean manual) {
            this(ownershipProven, routed, pastDeadline, manual, false, false, pastDeadline);
        }
    }

    /**
     * One step: the status to move to, the webhook event it fires, and the failure reason it
     * records.
     */
    record Step(ConnectionStatus to, String event, @Nullable String reason) {}

    /**
     * The facts of one check of a connection due at {@code deadline}. A record the DNS servers did
     * not answer (SERVFAIL, timeout) is no evidence either way; it counts as unanswered only when
     * the step it decides is not proven otherwise.
     */
    static Facts facts(
            Instant deadline,
            List<RecordCheck> checks,
            boolean proven,
            boolean routed,
            boolean manual,
            Instant now) {
        boolean ownershipUnanswered =
                !proven
                        && purpose(checks, DnsRecord.Purpose.OWNERSHIP)
                                .anyMatch(k -> k.outcome().unanswered());
        boolean routingUnanswered =
                !routed
                        && purpose(checks, DnsRecord.Purpose.ROUTING)
                                .anyMatch(k -> k.outcome().unanswered());
        return new Facts(
                proven,
                routed,
                !now.isBefore(deadline),
                manual,
                ownershipUnanswered,
                routingUnanswered,
                !now.isBefore(deadline.plus(OUTAGE_GRACE)));
    }

    static Stream<RecordCheck> purpose(List<RecordCheck> checks, DnsRecord.Purpose purpose) {
        return checks.stream().filter(k -> k.record().purpose() == purpose);
    }

    static Optional<Step> next(ConnectionStatus from, Facts f) {
        return switch (from) {
            case PENDING ->
                    f.ownershipProven()
                            ? Optional.of(
                                    new Step(
                                            ConnectionStatus.VERIFIED, "connection.verified", null))
                            : failIfLate(f, f.ownershipUnanswered());
            case VERIFIED ->
                    f.routed()
                            ? Optional.of(new Step(ConnectionStatus.LIVE, "connection.live", null))
                            : failIfLate(f, f.routingUnanswered());
            case LIVE ->
                    f.routed() || f.routingUnanswered()
                            ? Optional.empty()
                            : Optional.of(
                                    new Step(
                                            ConnectionStatus.VERIFIED,
                                            "connection.degraded",
                                            ROUTING_MISMATCH));
            case FAILED ->
                    f.manual() && f.ownershipProven()
                            ? Optional.of(
                                    new Step(
                                            ConnectionStatus.VERIFIED, "connection.verified", null))
                            : Optional.empty();
            case REMOVED -> Optional.empty();
        };
    }

    /**
     * Why a connection that rests in {@code status} after a check is not live yet; null when the
     * check leaves the recorded reason as it is.
     */
    static @Nullable String reason(ConnectionStatus status, Facts f) {
        return switch (status) {
            case PENDING -> f.ownershipUnanswered() ? DNS_UNAVAILABLE : OWNERSHIP_NOT_PROVEN;
            case VERIFIED -> f.routingUnanswered() ? DNS_UNAVAILABLE : ROUTING_MISMATCH;
            case LIVE, FAILED, REMOVED -> null;
        };
    }

    private static Optional<Step> failIfLate(Facts f, boolean unanswered) {
        if (f.manual()) {
            return Optional.empty();
        }
        if (unanswered) {
            return f.pastOutageGrace()
                    ? Optional.of(
                            new Step(ConnectionStatus.FAILED, "connection.failed", DNS_UNAVAILABLE))
                    : Optional.empty();
        }
        return f.pastDeadline()
                ? Optional.of(
                        new Step(ConnectionStatus.FAILED, "connection.failed", DEADLINE_PASSED))
                : Optional.empty();
    }
}
