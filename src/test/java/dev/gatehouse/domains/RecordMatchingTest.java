package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Value checks against a scripted DNS: existence is never enough. */
class RecordMatchingTest {

    private static final DnsRecord TXT =
            new DnsRecord(
                    DnsRecord.Type.TXT,
                    "_gatehouse-challenge.shop.example.com",
                    "gh-verify=abc",
                    DnsRecord.Purpose.OWNERSHIP);
    private static final DnsRecord CNAME =
            new DnsRecord(
                    DnsRecord.Type.CNAME,
                    "shop.example.com",
                    "edge.saas.net",
                    DnsRecord.Purpose.ROUTING);
    private static final DnsRecord A1 =
            new DnsRecord(
                    DnsRecord.Type.A, "shop.example.com", "192.0.2.10", DnsRecord.Purpose.ROUTING);
    private static final DnsRecord A2 =
            new DnsRecord(
                    DnsRecord.Type.A, "shop.example.com", "192.0.2.11", DnsRecord.Purpose.ROUTING);
    private static final DnsRecord AAAA =
            new DnsRecord(
                    DnsRecord.Type.AAAA,
                    "shop.example.com",
                    "2001:db8::1",
                    DnsRecord.Purpose.ROUTING);

    /** A fake of our own port that answers from a map and counts questions. */
    static final class ScriptedDns implements DnsLookup {
        final Map<String, Answer> answers;
        final List<String> asked = new ArrayList<>();

        ScriptedDns(Map<String, Answer> answers) {
            this.answers = answers;
        }

        @Override
        public Answer lookup(String name, DnsRecord.Type type) {
            asked.add(type + " " + name);
            return answers.getOrDefault(type + " " + name, new NxDomain());
        }

        @Override
        public CaaAnswer caa(String name) {
            throw new AssertionError("record matching never asks for CAA");
        }
    }

    @Test
    void txtMustEqualTheChallengeNotMerelyExist() {
        RecordCheck wrong =
                RecordMatching.match(
                        TXT, new DnsLookup.Found(List.of("gh-verify=other", "v=spf1")));
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.outcome()).isEqualTo(RecordCheck.Outcome.MISMATCH);
        assertThat(wrong.found()).containsExactly("gh-verify=other", "v=spf1");

        assertThat(
                        RecordMatching.match(
                                        TXT,
                                        new DnsLookup.Found(List.of("v=spf1", "gh-verify=abc")))
                                .ok())
                .isTrue();
        assertThat(RecordMatching.match(TXT, new DnsLookup.Found(List.of("GH-VERIFY=ABC"))).ok())
                .isFalse();
    }

    @Test
    void cnameComparesCaseInsensitivelyIgnoringTheTrailingDot() {
        assertThat(RecordMatching.match(CNAME, new DnsLookup.Found(List.of("Edge.SaaS.net."))).ok())
                .isTrue();
        RecordCheck elsewhere =
                RecordMatching.match(CNAME, new DnsLookup.Found(List.of("edge.other.net")));
        assertThat(elsewhere.ok()).isFalse();
        assertThat(elsewhere.found()).containsExactly("edge.other.net");
    }

    @Test
    void addressesAreComparedCanonically() {
        assertThat(
                        RecordMatching.match(
                                        AAAA, new DnsLookup.Found(List.of("2001:0db8:0:0:0:0:0:1")))
                                .ok())
                .isTrue();
    }

    @Test
    void everyDesiredAddressMustBePresentExtraOnesAreTolerated() {
        Target target = new Target(null, List.of("192.0.2.10", "192.0.2.11"), List.of());
        List<DnsRecord> records = target.routingRecords("shop.example.com");

        var missingOne =
                RecordMatching.check(
                        records,
                        new ScriptedDns(
                                Map.of(
                                        "A shop.example.com",
                                        new DnsLookup.Found(
                                                List.of("192.0.2.10", "198.51.100.7")))));
        assertThat(Target.routed(missingOne)).isFalse();

        var allPlusExtra =
                RecordMatching.check(
                        records,
                        new ScriptedDns(
                                Map.of(
                                        "A shop.example.com",
                                        new DnsLookup.Found(
                                                List.of(
                                                        "198.51.100.7",
                                                        "192.0.2.11",
                                                        "192.0.2.10")))));
        assertThat(Target.routed(allPlusExtra)).isTrue();
    }

    @Test
    void asksOncePerNameAndType() {
        ScriptedDns dns =
                new ScriptedDns(
                        Map.of("A shop.example.com", new DnsLookup.Found(List.of("192.0.2.10"))));
        RecordMatching.check(List.of(A1, A2, AAAA), dns);
        assertThat(dns.asked).containsExactly("A shop.example.com", "AAAA shop.example.com");
    }

    @Test
    void failuresAreReportedAsTheirOwnOutcomes() {
        assertThat(RecordMatching.match(TXT, new DnsLookup.NxDomain()).outcome())
                .isEqualTo(RecordCheck.Outcome.NXDOMAIN);
        assertThat(RecordMatching.match(TXT, new DnsLookup.NoRecords()).outcome())
                .isEqualTo(RecordCheck.Outcome.NO_RECORDS);
        assertThat(RecordMatching.match(TXT, new DnsLookup.ServFail()).outcome())
                .isEqualTo(RecordCheck.Outcome.SERVFAIL);
        assertThat(RecordMatching.match(TXT, new DnsLookup.Timeout()).outcome())
                .isEqualTo(RecordCheck.Outcome.TIMEOUT);
    }

    @Test
    void eitherCompleteRoutingSetMakesAHostnameRouted() {
        Target both = new Target("edge.saas.net", List.of("192.0.2.10"), List.of());
        List<DnsRecord> records = both.routingRecords("shop.example.com");
        var viaCname =
                RecordMatching.check(
                        records,
                        new ScriptedDns(
                                Map.of(
                                        "CNAME shop.example.com",
                                        new DnsLookup.Found(List.of("edge.saas.net")))));
        assertThat(Target.routed(viaCname)).isTrue();
        var neither =
                RecordMatching.check(
                        records,
                        new ScriptedDns(
                                Map.of(
                                        "CNAME shop.example.com",
                                                new DnsLookup.Found(List.of("elsewhere.net")),
                                        "A shop.example.com",
                                                new DnsLookup.Found(List.of("203.0.113.9")))));
        assertThat(Target.routed(neither)).isFalse();
    }
}
