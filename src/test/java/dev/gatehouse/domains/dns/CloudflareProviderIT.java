package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.DnsRecord;
import dev.gatehouse.domains.DnsRecord.Purpose;
import dev.gatehouse.domains.DnsRecord.Type;
import dev.gatehouse.testing.FakeCloudflare;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The Cloudflare provider against a loopback fake that answers the way Cloudflare's API v4 does.
 */
class CloudflareProviderIT {

    private static final String TOKEN = "cf-test-token-0123456789";
    private static final String HOST = "shop.customer-one.net";
    private static final String CHALLENGE_NAME = "_gatehouse-challenge." + HOST;

    private final FakeCloudflare cloudflare = FakeCloudflare.start("customer-one.net", TOKEN);
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        cloudflare.close();
    }

    @Test
    void createsTheChallengeAndTheAddresses() {
        DnsProvider.Result result =
                provider(TOKEN)
                        .apply(
                                List.of(
                                        new DnsRecord(
                                                Type.TXT,
                                                CHALLENGE_NAME,
                                                "gh-verify=abc",
                                                Purpose.OWNERSHIP),
                                        new DnsRecord(Type.A, HOST, "192.0.2.10", Purpose.ROUTING),
                                        new DnsRecord(
                                                Type.AAAA, HOST, "2001:db8::10", Purpose.ROUTING)));

        assertThat(result).isEqualTo(new DnsProvider.Written());
        assertThat(contents("TXT", CHALLENGE_NAME)).containsExactly("\"gh-verify=abc\"");
        assertThat(contents("A", HOST)).containsExactly("192.0.2.10");
        assertThat(contents("AAAA", HOST)).containsExactly("2001:db8::10");
    }

    @Test
    void aStaleValueIsOverwrittenInPlaceAndSurplusRecordsAreDeleted() {
        cloudflare.put("TXT", CHALLENGE_NAME, "\"old-challenge\"");
        cloudflare.put("A", HOST, "198.51.100.1");
        cloudflare.put("A", HOST, "198.51.100.2");
        String oldTxtId = cloudflare.records("TXT", CHALLENGE_NAME).getFirst().id();

        DnsProvider.Result result =
                provider(TOKEN)
                        .apply(
                                List.of(
                                        new DnsRecord(
                                                Type.TXT,
                                                CHALLENGE_NAME,
                                                "gh-verify=new",
                                                Purpose.OWNERSHIP),
                                        new DnsRecord(
                                                Type.A, HOST, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isEqualTo(new DnsProvider.Written());
        assertThat(cloudflare.records("TXT", CHALLENGE_NAME))
                .singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(oldTxtId));
        assertThat(contents("TXT", CHALLENGE_NAME)).containsExactly("\"gh-verify=new\"");
        assertThat(contents("A", HOST)).containsExactly("192.0.2.10");
    }

    @Test
    void recordsAlreadyRightAreLeftAlone() {
        cloudflare.put("TXT", CHALLENGE_NAME, "gh-verify=abc");
        cloudflare.put("CNAME", HOST, "Edge.Target-One.NET");

        DnsProvider.Result result =
                provider(TOKEN)
                        .apply(
                                List.of(
                                        new DnsRecord(
                                                Type.TXT,
                                                CHALLENGE_NAME,
                                                "gh-verify=abc",
                                                Purpose.OWNERSHIP),
                                        new DnsRecord(
                                                Type.CNAME,
                                                HOST,
                                                "edge.target-one.net",
                                                Purpose.ROUTING)));

        assertThat(result).isEqualTo(new DnsProvider.Written());
        assertThat(cloudflare.requests())
                .noneMatch(
                        r -> r.startsWith("POST") || r.startsWith("PUT") || r.startsWith("DELETE"));
    }

    @Test
    void aCnameReplacesAddressRecordsThatWouldClashWithIt() {
        cloudflare.put("A", HOST, "198.51.100.1");

        DnsProvider.Result result =
                provider(TOKEN)
                        .apply(
                                List.of(
                                        new DnsRecord(
                                                Type.CNAME,
                                                HOST,
                                                "edge.target-one.net",
                                                Purpose.ROUTING),
                                        new DnsRecord(
                                                Type.A, HOST, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isEqualTo(new DnsProvider.Written());
        assertThat(contents("A", HOST)).isEmpty();
        assertThat(contents("CNAME", HOST)).containsExactly("edge.target-one.net");
    }

    @Test
    void aWrongTokenFailsWithCloudflaresCodeButNotTheToken() {
        DnsProvider.Result result =
                provider("wrong-token-value")
                        .apply(List.of(new DnsRecord(Type.A, HOST, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isInstanceOf(DnsProvider.Failed.class);
        String reason = ((DnsProvider.Failed) result).reason();
        assertThat(reason)
                .contains("403")
                .contains("10000")
                .doesNotContain("wrong-token-value")
                .doesNotContain(TOKEN);
        assertThat(cloudflare.records()).isEmpty();
    }

    @Test
    void anUpstreamErrorFailsWithoutTheRawBody() {
        cloudflare.failWith(500);

        DnsProvider.Result result =
                provider(TOKEN)
                        .apply(List.of(new DnsRecord(Type.A, HOST, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isInstanceOf(DnsProvider.Failed.class);
        assertThat(((DnsProvider.Failed) result).reason())
                .contains("500")
                .doesNotContain("internal detail");
    }

    @Test
    void aRedirectIsNotFollowed() {
        try (FakeCloudflare elsewhere = FakeCloudflare.start("customer-one.net", TOKEN)) {
            cloudflare.redirectTo(
                    elsewhere.baseUrl() + "/zones/" + elsewhere.zoneId() + "/dns_records");

            DnsProvider.Result result =
                    provider(TOKEN)
                            .apply(
                                    List.of(
                                            new DnsRecord(
                                                    Type.A, HOST, "192.0.2.10", Purpose.ROUTING)));

            assertThat(result).isInstanceOf(DnsProvider.Failed.class);
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void anotherZoneIdIsRefusedByCloudflare() {
        CloudflareProvider wrongZone =
                new CloudflareProvider(
                        http,
                        new ProviderConfig.Cloudflare("0".repeat(32), cloudflare.baseUrl()),
                        TOKEN,
                        Duration.ofSeconds(5));

        DnsProvider.Result result =
                wrongZone.apply(
                        List.of(new DnsRecord(Type.A, HOST, "192.0.2.10", Purpose.ROUTING)));

        assertThat(result).isInstanceOf(DnsProvider.Failed.class);
        assertThat(((DnsProvider.Failed) result).reason()).contains("7003");
    }

    private CloudflareProvider provider(String token) {
        return new CloudflareProvider(
                http,
                new ProviderConfig.Cloudflare(cloudflare.zoneId(), cloudflare.baseUrl()),
                token,
                Duration.ofSeconds(5));
    }

    private List<String> contents(String type, String name) {
        return cloudflare.records(type, name).stream()
                .map(FakeCloudflare.StoredRecord::content)
                .toList();
    }
}
