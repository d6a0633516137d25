package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.domains.DnsLookup;
import dev.gatehouse.domains.DnsRecord.Type;
import dev.gatehouse.testing.Bind;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link DnsjavaLookup} against a real BIND: every kind of answer, told apart, values normalised.
 */
class DnsjavaLookupIT {

    private final Bind bind = Bind.shared();
    private final DnsjavaLookup dns =
            new DnsjavaLookup(List.of(bind.nameserver()), Duration.ofSeconds(2));
    private final String host = "h" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";

    @Test
    void txtValuesAreReturnedAsTheyAreSoAWrongValueIsSeenAsWrong() {
        bind.set("_gatehouse-challenge." + host, "TXT", "gh-verify=right", "something-else");
        assertThat(DnsAnswers.values(dns.lookup("_gatehouse-challenge." + host, Type.TXT)))
                .containsExactlyInAnyOrder("gh-verify=right", "something-else");

        bind.set("_gatehouse-challenge." + host, "TXT", "gh-verify=wrong");
        assertThat(dns.lookup("_gatehouse-challenge." + host, Type.TXT))
                .isEqualTo(found("gh-verify=wrong"));
    }

    @Test
    void aTxtRecordOfSeveralStringsIsJoinedWithoutSeparator() {
        bind.setRdata("_gatehouse-challenge." + host, "TXT", "\"gh-verify=\" \"abc\" \"def\"");
        assertThat(dns.lookup("_gatehouse-challenge." + host, Type.TXT))
                .isEqualTo(found("gh-verify=abcdef"));
    }

    @Test
    void aTxtValueLongerThan255BytesSurvivesTheRoundTrip() {
        String longValue = "x".repeat(300);
        bind.set(host, "TXT", longValue);
        assertThat(dns.lookup(host, Type.TXT)).isEqualTo(found(longValue));
    }

    @Test
    void aTruncatedUdpAnswerIsFetchedAgainOverTcp() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(i + "-" + "v".repeat(60));
        }
        bind.set(host, "TXT", many.toArray(String[]::new));
        assertThat(DnsAnswers.values(dns.lookup(host, Type.TXT)))
                .containsExactlyInAnyOrderElementsOf(many);
    }

    @Test
    void addressesComeBackInCanonicalText() {
        bind.set(host, "A", "192.0.2.10", "192.0.2.11");
        bind.set(host, "AAAA", "2001:0DB8:0000:0000:0000:0000:0000:0001");
        assertThat(DnsAnswers.values(dns.lookup(host, Type.A)))
                .containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
        assertThat(dns.lookup(host, Type.AAAA)).isEqualTo(found("2001:db8::1"));
    }

    @Test
    void aCnameTargetIsLowerCasedWithoutTheTrailingDot() {
        bind.set(host, "CNAME", "Edge.Gatehouse-Target.NET.");
        assertThat(dns.lookup(host, Type.CNAME)).isEqualTo(found("edge.gatehouse-target.net"));
    }

    @Test
    void caaRecordsComeBackWithFlagsTagAndValue() {
        bind.setRdata(
                host,
                "CAA",
                "0 issue \"letsencrypt.org; validationmethods=dns-01\"",
                "128 tbs \"Unknown\"",
                "0 iodef \"mailto:security@example.com\"");

        assertThat(dns.caa(host))
                .isInstanceOfSatisfying(
                        DnsLookup.CaaFound.class,
                        f ->
                                assertThat(f.records())
                                        .containsExactlyInAnyOrder(
                                                new DnsLookup.Caa(
                                                        0,
                                                        "issue",
                                                        "letsencrypt.org;"
                                                                + " validationmethods=dns-01"),
                                                new DnsLookup.Caa(128, "tbs", "Unknown"),
                                                new DnsLookup.Caa(
                                                        0,
                                                        "iodef",
                                                        "mailto:security@example.com")));
    }

    @Test
    void caaAtAnAliasIsTheTargetsAndNoCaaIsNoRecordsOrNxdomain() {
        String target = "t" + host;
        bind.setRdata(target, "CAA", "0 issue \";\"");
        bind.set(host, "CNAME", target + ".");

        assertThat(dns.caa(host))
                .isEqualTo(new DnsLookup.CaaFound(List.of(new DnsLookup.Caa(0, "issue", ";"))));
        assertThat(dns.caa("example.com")).isEqualTo(new DnsLookup.NoRecords());
        assertThat(dns.caa("nothing." + host)).isEqualTo(new DnsLookup.NxDomain());
        assertThat(dns.caa(bind.servfailName())).isEqualTo(new DnsLookup.ServFail());
    }

    @Test
    void aNameWithOtherRecordsButNoneOfTheTypeHasNoRecords() {
        bind.set(host, "TXT", "only text here");
        assertThat(dns.lookup(host, Type.A)).isEqualTo(new DnsLookup.NoRecords());
        assertThat(dns.lookup(host, Type.CNAME)).isEqualTo(new DnsLookup.NoRecords());
    }

    @Test
    void anEmptyNonTerminalHasNoRecordsButAnUnknownNameIsNxdomain() {
        bind.set("_gatehouse-challenge." + host, "TXT", "v");
        assertThat(dns.lookup(host, Type.A)).isEqualTo(new DnsLookup.NoRecords());
        assertThat(dns.lookup("nothing-here." + host, Type.A)).isEqualTo(new DnsLookup.NxDomain());
    }

    @Test
    void aDeletedRecordIsGoneAtOnceBecauseNothingIsCached() {
        bind.set(host, "A", "192.0.2.1");
        assertThat(dns.lookup(host, Type.A)).isEqualTo(found("192.0.2.1"));
        bind.set(host, "A", "192.0.2.2");
        assertThat(dns.lookup(host, Type.A)).isEqualTo(found("192.0.2.2"));
        bind.delete(host, "A");
        assertThat(dns.lookup(host, Type.A)).isEqualTo(new DnsLookup.NxDomain());
    }

    @Test
    void aBrokenZoneIsServfailNotNxdomain() {
        assertThat(dns.lookup(bind.servfailName(), Type.TXT)).isEqualTo(new DnsLookup.ServFail());
    }

    @Test
    void aNameOutsideTheServersZonesIsRefusedAndCountsAsServfail() {
        assertThat(dns.lookup("www.not-served-here.test", Type.A))
                .isEqualTo(new DnsLookup.ServFail());
    }

    @Test
    void aSilentNameserverIsATimeoutWithinTheConfiguredBound() {
        DnsjavaLookup silent = new DnsjavaLookup(List.of(Bind.blackhole()), Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThat(silent.lookup(host, Type.TXT)).isEqualTo(new DnsLookup.Timeout());
        // The bound is the whole lookup (both tries), with room for a slow CI machine, not 2 x 500
        // ms.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void aSilentFirstNameserverFallsBackToTheNextOne() {
        bind.set(host, "A", "192.0.2.7");
        DnsjavaLookup twoServers =
                new DnsjavaLookup(
                        List.of(Bind.blackhole(), bind.nameserver()), Duration.ofSeconds(2));
        assertThat(twoServers.lookup(host, Type.A)).isEqualTo(found("192.0.2.7"));
    }

    @Test
    void aNameserverThatRefusesTheNameIsPassedOverForTheNextOne() {
        bind.set(host, "A", "192.0.2.9");
        try (Bind other = Bind.start("customer-one.net")) {
            DnsjavaLookup refusingFirst =
                    new DnsjavaLookup(
                            List.of(other.nameserver(), bind.nameserver()), Duration.ofSeconds(2));
            assertThat(refusingFirst.lookup(host, Type.A)).isEqualTo(found("192.0.2.9"));

            DnsjavaLookup refusingOnly =
                    new DnsjavaLookup(List.of(other.nameserver()), Duration.ofSeconds(2));
            assertThat(refusingOnly.lookup(host, Type.A)).isEqualTo(new DnsLookup.ServFail());
        }
    }

    @Test
    void anIpv6NameserverWithPortIsUsed() {
        assumeTrue(Bind.IPV6, "this machine has no IPv6 loopback");
        bind.set(host, "A", "192.0.2.8");
        DnsjavaLookup overV6 =
                new DnsjavaLookup(List.of(bind.nameserverV6()), Duration.ofSeconds(2));
        assertThat(overV6.lookup(host, Type.A)).isEqualTo(found("192.0.2.8"));
    }

    private static DnsLookup.Found found(String... values) {
        return new DnsLookup.Found(List.of(values));
    }
}
