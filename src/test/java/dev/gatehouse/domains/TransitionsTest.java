package dev.gatehouse.domains;

import static dev.gatehouse.domains.ConnectionStatus.FAILED;
import static dev.gatehouse.domains.ConnectionStatus.LIVE;
import static dev.gatehouse.domains.ConnectionStatus.PENDING;
import static dev.gatehouse.domains.ConnectionStatus.REMOVED;
import static dev.gatehouse.domains.ConnectionStatus.VERIFIED;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransitionsTest {

    private static Transitions.Facts facts(
            boolean owned, boolean routed, boolean late, boolean manual) {
        return new Transitions.Facts(owned, routed, late, manual);
    }

    @Test
    void pendingBecomesVerifiedOnlyWithProvenOwnership() {
        assertThat(Transitions.next(PENDING, facts(true, false, false, false)).orElseThrow().to())
                .isEqualTo(VERIFIED);
        assertThat(Transitions.next(PENDING, facts(false, true, false, false))).isEmpty();
    }

    @Test
    void verifiedGoesLiveWhenRoutedAndFiresConnectionLive() {
        var step = Transitions.next(VERIFIED, facts(true, true, false, false)).orElseThrow();
        assertThat(step.to()).isEqualTo(LIVE);
        assertThat(step.event()).isEqualTo("connection.live");
    }

    @Test
    void liveDegradesToVerifiedWhenRoutingNoLongerMatches() {
        var step = Transitions.next(LIVE, facts(true, false, false, false)).orElseThrow();
        assertThat(step.to()).isEqualTo(VERIFIED);
        assertThat(step.event()).isEqualTo("connection.degraded");
        assertThat(Transitions.next(LIVE, facts(true, true, true, false))).isEmpty();
    }

    @Test
    void theWorkerFailsLateConnectionsButAManualVerifyDoesNot() {
        assertThat(Transitions.next(PENDING, facts(false, false, true, false)).orElseThrow().to())
                .isEqualTo(FAILED);
        assertThat(Transitions.next(VERIFIED, facts(true, false, true, false)).orElseThrow().to())
                .isEqualTo(FAILED);
        assertThat(Transitions.next(PENDING, facts(false, false, true, true))).isEmpty();
    }

    @Test
    void onlyAManualVerifyWithProvenOwnershipRevivesAFailedConnection() {
        assertThat(Transitions.next(FAILED, facts(true, true, true, true)).orElseThrow().to())
                .isEqualTo(VERIFIED);
        assertThat(Transitions.next(FAILED, facts(true, true, true, false))).isEmpty();
        assertThat(Transitions.next(FAILED, facts(false, true, true, true))).isEmpty();
    }

    @Test
    void removedIsFinal() {
        assertThat(Transitions.next(REMOVED, facts(true, true, false, true))).isEmpty();
    }

    /** A check whose deciding records the DNS servers did not answer. */
    private static Transitions.Facts unanswered(boolean late, boolean pastGrace, boolean manual) {
        return new Transitions.Facts(false, false, late, manual, true, true, pastGrace);
    }

    @Test
    void aDnsOutageAtTheDeadlineDoesNotFailAPendingOrVerifiedConnection() {
        assertThat(Transitions.next(PENDING, unanswered(true, false, false))).isEmpty();
        assertThat(Transitions.next(VERIFIED, unanswered(true, false, false))).isEmpty();
    }

    @Test
    void anOutageLastingBeyondTheGraceFailsWithDnsUnavailableNotDeadlinePassed() {
        var step = Transitions.next(PENDING, unanswered(true, true, false)).orElseThrow();
        assertThat(step.to()).isEqualTo(FAILED);
        assertThat(step.reason()).isEqualTo("dns_unavailable");
        assertThat(Transitions.next(PENDING, unanswered(true, true, true))).isEmpty();
    }

    @Test
    void aDnsOutageNeverDegradesALiveConnection() {
        assertThat(Transitions.next(LIVE, unanswered(false, false, false))).isEmpty();
    }

    @Test
    void theReasonSaysTheDnsServersDidNotAnswerRatherThanMismatch() {
        assertThat(Transitions.reason(PENDING, unanswered(false, false, true)))
                .isEqualTo("dns_unavailable");
        assertThat(Transitions.reason(VERIFIED, unanswered(false, false, true)))
                .isEqualTo("dns_unavailable");
        assertThat(Transitions.reason(PENDING, facts(false, false, false, true)))
                .isEqualTo("ownership_not_proven");
        assertThat(Transitions.reason(VERIFIED, facts(true, false, false, true)))
                .isEqualTo("routing_mismatch");
        assertThat(Transitions.reason(LIVE, unanswered(false, false, false))).isNull();
    }

    private static final java.time.Instant DEADLINE =
            java.time.Instant.parse("2026-12-09T14:00:00Z");

    private static RecordCheck check(DnsRecord.Purpose purpose, RecordCheck.Outcome outcome) {
        DnsRecord.Type type =
                purpose == DnsRecord.Purpose.OWNERSHIP ? DnsRecord.Type.TXT : DnsRecord.Type.CNAME;
        return new RecordCheck(
                new DnsRecord(type, "shop.example.com", "value", purpose),
                java.util.List.of(),
                outcome == RecordCheck.Outcome.MATCH,
                outcome);
    }

    @Test
    void aTimedOutOwnershipRecordAtTheDeadlineIsRetriedUntilTheGraceHasPassed() {
        var checks =
                java.util.List.of(
                        check(DnsRecord.Purpose.OWNERSHIP, RecordCheck.Outcome.TIMEOUT),
                        check(DnsRecord.Purpose.ROUTING, RecordCheck.Outcome.TIMEOUT));
        var atDeadline = Transitions.facts(DEADLINE, checks, false, false, false, DEADLINE);
        assertThat(Transitions.next(PENDING, atDeadline)).isEmpty();
        assertThat(Transitions.reason(PENDING, atDeadline)).isEqualTo("dns_unavailable");

        var afterGrace =
                Transitions.facts(
                        DEADLINE,
                        checks,
                        false,
                        false,
                        false,
                        DEADLINE.plus(Transitions.OUTAGE_GRACE));
        assertThat(Transitions.next(PENDING, afterGrace).orElseThrow().reason())
                .isEqualTo("dns_unavailable");
    }

    @Test
    void anAnsweredWrongOwnershipRecordFailsAtTheDeadlineWhateverTheRoutingLookupsDid() {
        var checks =
                java.util.List.of(
                        check(DnsRecord.Purpose.OWNERSHIP, RecordCheck.Outcome.MISMATCH),
                        check(DnsRecord.Purpose.ROUTING, RecordCheck.Outcome.SERVFAIL));
        var facts = Transitions.facts(DEADLINE, checks, false, false, false, DEADLINE);
        assertThat(Transitions.next(PENDING, facts).orElseThrow().reason())
                .isEqualTo("deadline_passed");
        assertThat(Transitions.reason(PENDING, facts)).isEqualTo("ownership_not_proven");
    }

    @Test
    void aRoutingRecordThatMatchedMakesAnUnansweredOneIrrelevant() {
        var checks =
                java.util.List.of(
                        check(DnsRecord.Purpose.ROUTING, RecordCheck.Outcome.MATCH),
                        check(DnsRecord.Purpose.ROUTING, RecordCheck.Outcome.TIMEOUT));
        var facts = Transitions.facts(DEADLINE, checks, true, true, false, DEADLINE);
        assertThat(facts.routingUnanswered()).isFalse();
        assertThat(Transitions.next(VERIFIED, facts).orElseThrow().to()).isEqualTo(LIVE);
    }
}
