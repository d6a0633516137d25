package dev.gatehouse.domains.dns;

import static dev.gatehouse.domains.dns.DomainsApi.check;
import static dev.gatehouse.domains.dns.DomainsApi.found;
import static dev.gatehouse.domains.dns.DomainsApi.hostname;
import static dev.gatehouse.domains.dns.DomainsApi.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.BindNode;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Verification end to end: the real API, the real lookup, a real BIND. Existence is never enough:
 * every record is compared by value, and the values found are shown in last_check.
 */
class ValueCheckedVerificationIT {

    private static final String ADDRESS = "192.0.2.10";
    private static final String CNAME_TARGET = "edge.target-one.net";

    private static Bind bind;
    private static TestNode node;
    private static DomainsApi api;
    private static String byAddress;
    private static String byCname;

    @BeforeAll
    static void start() {
        bind = Bind.shared();
        node = BindNode.shared();
        api = new DomainsApi(node);
        byAddress = api.application(null, List.of(ADDRESS));
        byCname = api.application(CNAME_TARGET, List.of());
    }

    @Test
    void aTxtRecordWithAnotherValueLeavesTheConnectionPendingAndShowsWhatWasFound() {
        String host = hostname("example.com");
        JsonNode c = api.connect(byAddress, host);
        bind.set("_gatehouse-challenge." + host, "TXT", "gh-verify=not-the-challenge");

        JsonNode after = api.verify(byAddress, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("pending");
        JsonNode txt = check(after, "TXT");
        assertThat(txt.get("ok").asBoolean()).isFalse();
        assertThat(txt.get("outcome").asString()).isEqualTo("mismatch");
        assertThat(found(txt)).containsExactly("gh-verify=not-the-challenge");
    }

    @Test
    void theRightTxtValueAmongOthersVerifies() {
        String host = hostname("example.com");
        JsonNode c = api.connect(byAddress, host);
        bind.set("_gatehouse-challenge." + host, "TXT", "unrelated", record(c, "TXT"));

        JsonNode after = api.verify(byAddress, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("verified");
    }

    @Test
    void anARecordWithOnlyAnotherAddressIsNotLive() {
        String host = hostname("example.net");
        JsonNode c = proven(byAddress, host);
        bind.set(host, "A", "198.51.100.9");

        JsonNode after = api.verify(byAddress, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("verified");
        assertThat(found(check(after, "A"))).containsExactly("198.51.100.9");
        assertThat(check(after, "A").get("ok").asBoolean()).isFalse();
    }

    @Test
    void anARecordSetContainingTheAddressPlusAnotherIsLive() {
        String host = hostname("example.net");
        JsonNode c = proven(byAddress, host);
        bind.set(host, "A", "198.51.100.9", ADDRESS);

        JsonNode after = api.verify(byAddress, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("live");
        assertThat(check(after, "A").get("ok").asBoolean()).isTrue();
    }

    @Test
    void aCnameToSomewhereElseIsNotLive() {
        String host = hostname("example.org");
        JsonNode c = proven(byCname, host);
        bind.set(host, "CNAME", "edge.somebody-else.net.");

        JsonNode after = api.verify(byCname, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("verified");
        assertThat(found(check(after, "CNAME"))).containsExactly("edge.somebody-else.net");
    }

    @Test
    void aCnameToTheTargetInOtherCaseWithTheTrailingDotIsLive() {
        String host = hostname("example.org");
        JsonNode c = proven(byCname, host);
        bind.set(host, "CNAME", "EDGE.Target-One.NET.");

        JsonNode after = api.verify(byCname, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("live");
        assertThat(found(check(after, "CNAME"))).containsExactly(CNAME_TARGET);
    }

    @Test
    void txtAndRoutingInPlaceAtOnceGoStraightToLive() {
        String host = hostname("example.com");
        JsonNode c = api.connect(byAddress, host);
        bind.set("_gatehouse-challenge." + host, "TXT", record(c, "TXT"));
        bind.set(host, "A", ADDRESS);

        assertThat(api.verify(byAddress, c.get("id").asString()).get("status").asString())
                .isEqualTo("live");
    }

    @Test
    void aNameThatDoesNotExistIsReportedAsNxdomain() {
        String host = hostname("example.com");
        JsonNode c = api.connect(byAddress, host);

        JsonNode after = api.verify(byAddress, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("pending");
        assertThat(check(after, "TXT").get("outcome").asString()).isEqualTo("nxdomain");
        assertThat(check(after, "A").get("outcome").asString()).isEqualTo("nxdomain");
    }

    @Test
    void aBrokenZoneIsReportedAsServfail() {
        String host = hostname(Bind.SERVFAIL_ZONE);
        JsonNode c = api.connect(byAddress, host);

        JsonNode after = api.verify(byAddress, c.get("id").asString());

        assertThat(after.get("status").asString()).isEqualTo("pending");
        assertThat(check(after, "TXT").get("outcome").asString()).isEqualTo("servfail");
    }

    @Test
    void aSilentNameserverIsReportedAsTimeout() {
        try (TestNode silent =
                TestNode.start(
                        Map.of(
                                "DOMAINS_DNS_NAMESERVERS",
                                Bind.blackhole(),
                                "DOMAINS_DNS_TIMEOUT_MS",
                                "500"))) {
            DomainsApi other = new DomainsApi(silent);
            String app = other.application(null, List.of(ADDRESS));
            JsonNode c = other.connect(app, hostname("example.com"));

            JsonNode after = other.verify(app, c.get("id").asString());

            assertThat(after.get("status").asString()).isEqualTo("pending");
            assertThat(check(after, "TXT").get("outcome").asString()).isEqualTo("timeout");
            assertThat(check(after, "A").get("outcome").asString()).isEqualTo("timeout");
        }
    }

    /** A connection whose ownership is proven (verified), with no routing record yet. */
    private static JsonNode proven(String app, String host) {
        JsonNode c = api.connect(app, host);
        bind.set("_gatehouse-challenge." + host, "TXT", record(c, "TXT"));
        JsonNode verified = api.verify(app, c.get("id").asString());
        assertThat(verified.get("status").asString()).isEqualTo("verified");
        return verified;
    }
}
