package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.DnsLookup;
import dev.gatehouse.domains.DnsRecord;
import dev.gatehouse.domains.DnsRecord.Purpose;
import dev.gatehouse.domains.DnsRecord.Type;
import dev.gatehouse.testing.Bind;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The rfc2136 provider writes into a real BIND with TSIG; the lookup then sees exactly what it
 * wrote.
 */
class Rfc2136ProviderIT {

    private final Bind bind = Bind.shared();
    private final DnsjavaLookup dns =
            new DnsjavaLookup(List.of(bind.nameserver()), Duration.ofSeconds(2));
    private final String host = DomainsApi.hostname("example.com");

    @Test
    void writesTheChallengeAndTheAddressesAndReplacesWhatWasThere() {
        bind.set(host, "A", "198.51.100.1");
        bind.set("_gatehouse-challenge." + host, "TXT", "stale-value");

        DnsProvider.Result result =
                provider(bind.tsigSecretBase64())
                        .apply(
                                List.of(
                                        new DnsRecord(
                                                Type.TXT,
                                                "_gatehouse-challenge." + host,
                                                "gh-verify=abc",
                                                Purpose.OWNERSHIP),
                                        new DnsRecord(Type.A, host, "192.0.2.10", Purpose.ROUTING),
                                        new DnsRecord(Type.A, host, "192.0.2.11", Purpose.ROUTING),
                                        new DnsRecord(
                                                Type.AAAA, host, "2001:db8::10", Purpose.ROUTING)));

        assertThat(result).isEqualTo(new DnsProvider.Written());
        assertThat(dns.lookup("_gatehouse-challenge." + host, Type.TXT))
                .isEqualTo(new DnsLookup.Found(List.of("gh-verify=abc")));
        assertThat(DnsAnswers.values(dns.lookup(host, Type.A)))
                .containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
        assertThat(dns.lookup(host, Type.AAAA))
                .isEqualTo(new DnsLookup.Found(List.of("2001:db8::10")));
    }

    @Test
    void aCnameTargetReplacesAddressesAtTheName() {
        bind.set(host, "A", "198.51.100.1");

        DnsProvider.Result result =
                provider(bind.tsigSecretBase64())
                        .apply(
                                List.of(
                                        new DnsRecord(
                                                Type.CNAME,
                                                host,
                                                "edge.target-one.net",
                                                Purpose.ROUTING),
                                        new DnsRecord(
                                                Type.A, host, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isEqualTo(new DnsProvider.Written());
        assertThat(dns.lookup(host, Type.CNAME))
                .isEqualTo(new DnsLookup.Found(List.of("edge.target-one.net")));
    }

    @Test
    void aLongChallengeIsWrittenInSeveralStringsAndReadBackWhole() {
        String value = "gh-verify=" + "x".repeat(400);
        DnsProvider.Result result =
                provider(bind.tsigSecretBase64())
                        .apply(
                                List.of(
                                        new DnsRecord(
                                                Type.TXT,
                                                "_gatehouse-challenge." + host,
                                                value,
                                                Purpose.OWNERSHIP)));

        assertThat(result).isEqualTo(new DnsProvider.Written());
        assertThat(dns.lookup("_gatehouse-challenge." + host, Type.TXT))
                .isEqualTo(new DnsLookup.Found(List.of(value)));
    }

    @Test
    void aWrongTsigSecretIsRefusedAndNothingIsWritten() {
        byte[] wrong = new byte[32];
        wrong[0] = 1;
        DnsProvider.Result result =
                provider(Base64.getEncoder().encodeToString(wrong))
                        .apply(List.of(new DnsRecord(Type.A, host, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isInstanceOf(DnsProvider.Failed.class);
        assertThat(((DnsProvider.Failed) result).reason()).contains("NOTAUTH");
        assertThat(dns.lookup(host, Type.A)).isEqualTo(new DnsLookup.NxDomain());
    }

    @Test
    void aRecordOutsideTheZoneFailsBeforeAnythingIsSent() {
        DnsProvider.Result result =
                provider(bind.tsigSecretBase64())
                        .apply(
                                List.of(
                                        new DnsRecord(Type.A, host, "192.0.2.10", Purpose.ROUTING),
                                        new DnsRecord(
                                                Type.A,
                                                "www.example.net",
                                                "192.0.2.10",
                                                Purpose.ROUTING)));

        assertThat(result).isInstanceOf(DnsProvider.Failed.class);
        assertThat(dns.lookup(host, Type.A)).isEqualTo(new DnsLookup.NxDomain());
    }

    @Test
    void aSilentServerFailsWithinTheTimeout() {
        String[] hostPort = Bind.blackhole().split(":");
        Rfc2136Provider silent =
                new Rfc2136Provider(
                        new ProviderConfig.Rfc2136(
                                hostPort[0],
                                Integer.parseInt(hostPort[1]),
                                "example.com",
                                bind.tsigKeyName(),
                                "hmac-sha256"),
                        Base64.getDecoder().decode(bind.tsigSecretBase64()),
                        Duration.ofMillis(500),
                        false);

        DnsProvider.Result result =
                silent.apply(List.of(new DnsRecord(Type.A, host, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isInstanceOf(DnsProvider.Failed.class);
        assertThat(((DnsProvider.Failed) result).reason()).contains("did not answer");
    }

    @Test
    void inProductionALoopbackServerIsNeverContacted() {
        Rfc2136Provider inProduction =
                new Rfc2136Provider(
                        config(),
                        Base64.getDecoder().decode(bind.tsigSecretBase64()),
                        Duration.ofSeconds(2),
                        true);

        DnsProvider.Result result =
                inProduction.apply(
                        List.of(new DnsRecord(Type.A, host, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isInstanceOf(DnsProvider.Failed.class);
        assertThat(dns.lookup(host, Type.A)).isEqualTo(new DnsLookup.NxDomain());
    }

    private Rfc2136Provider provider(String secretBase64) {
        return new Rfc2136Provider(
                config(), Base64.getDecoder().decode(secretBase64), Duration.ofSeconds(2), false);
    }

    private ProviderConfig.Rfc2136 config() {
        return new ProviderConfig.Rfc2136(
                bind.host(), bind.port(), "example.com", bind.tsigKeyName(), bind.tsigAlgorithm());
    }
}
