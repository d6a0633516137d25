package dev.gatehouse.domains.dns;

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
import java.util.UUID;

/**
 * The CAA preflight through the API, against CAA records in a real BIND: each outcome, where the
 * deciding records were found, and that a forbidding CAA is reported without holding the connection
 * back. Hostnames sit two labels under the shared zones so their parents are theirs alone (a CAA at
 * a shared zone's apex would speak for every other test).
 */
class CaaPreflightIT {

    private static final String ADDRESS = "192.0.2.10";

    private static Bind bind;
    private static DomainsApi api;
    private static String app;

    @BeforeAll
    static void start() {
        bind = Bind.shared();
        api = new DomainsApi(BindNode.shared());
        app = api.application(null, List.of(ADDRESS));
    }

    /** {@code h….p….zone}: a fresh hostname with a fresh parent. */
    private static String host(String zone) {
        return label("h") + "." + label("p") + "." + zone;
    }

    private static String label(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String parent(String host) {
        return host.substring(host.indexOf('.') + 1);
    }

    private static JsonNode caaAfterVerify(String host) {
        JsonNode c = api.connect(app, host);
        assertThat(c.get("caa").isNull()).as("not checked yet").isTrue();
        return api.verify(app, c.get("id").asString()).get("caa");
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void aParentNamingAnotherCaForbidsAndTheConnectionStillGoesLive() {
        String host = host("example.com");
        bind.setRdata(parent(host), "CAA", "0 issue \"digicert.com\"");
        JsonNode c = api.connect(app, host);
        bind.set("_gatehouse-challenge." + host, "TXT", record(c, "TXT"));
        bind.set(host, "A", ADDRESS);

        JsonNode after = api.verify(app, c.get("id").asString());

        assertThat(after.get("status").asString()).as("reported, not blocking").isEqualTo("live");
        JsonNode caa = after.get("caa");
        assertThat(caa.get("status").asString()).isEqualTo("forbidden");
        assertThat(caa.get("reason").asString()).isEqualTo("ca_not_permitted");
        assertThat(caa.get("domain").asString()).isEqualTo(parent(host));
        assertThat(strings(caa.get("records"))).containsExactly("0 issue \"digicert.com\"");
        assertThat(strings(caa.get("allowed_cas")))
                .containsExactly("letsencrypt.org", "sectigo.com");
        assertThat(api.get(app, c.get("id").asString()).get("caa")).isEqualTo(caa);
    }

    @Test
    void recordsAtTheHostnameAllowingLetsEncryptWinOverAForbiddingParent() {
        String host = host("example.net");
        bind.setRdata(parent(host), "CAA", "0 issue \"digicert.com\"");
        bind.setRdata(host, "CAA", "0 issue \"letsencrypt.org\"", "0 issue \"pki.goog\"");

        JsonNode caa = caaAfterVerify(host);

        assertThat(caa.get("status").asString()).isEqualTo("allowed");
        assertThat(caa.get("reason").asString()).isEqualTo("ca_permitted");
        assertThat(caa.get("domain").asString()).isEqualTo(host);
        assertThat(strings(caa.get("records")))
                .containsExactly("0 issue \"letsencrypt.org\"", "0 issue \"pki.goog\"");
    }

    @Test
    void zeroSslBySectigoWithParametersIsAllowed() {
        String host = host("example.org");
        bind.setRdata(parent(host), "CAA", "0 issue \"sectigo.com; validationmethods=http-01\"");

        JsonNode caa = caaAfterVerify(host);

        assertThat(caa.get("status").asString()).isEqualTo("allowed");
        assertThat(caa.get("domain").asString()).isEqualTo(parent(host));
    }

    @Test
    void anIssueOfASemicolonAloneForbidsEveryCa() {
        String host = host("example.com");
        bind.setRdata(host, "CAA", "0 issue \";\"");

        JsonNode caa = caaAfterVerify(host);

        assertThat(caa.get("status").asString()).isEqualTo("forbidden");
        assertThat(caa.get("reason").asString()).isEqualTo("ca_not_permitted");
        assertThat(strings(caa.get("records"))).containsExactly("0 issue \";\"");
    }

    @Test
    void aCriticalPropertyNobodyKnowsForbidsEvenBesideLetsEncrypt() {
        String host = host("example.com");
        bind.setRdata(host, "CAA", "0 issue \"letsencrypt.org\"", "128 tbs \"unknown\"");

        JsonNode caa = caaAfterVerify(host);

        assertThat(caa.get("status").asString()).isEqualTo("forbidden");
        assertThat(caa.get("reason").asString()).isEqualTo("unknown_critical_property");
    }

    @Test
    void recordsWithoutAnIssuePropertyAllowEveryCa() {
        String host = host("example.com");
        bind.setRdata(
                parent(host),
                "CAA",
                "0 iodef \"mailto:security@example.com\"",
                "0 issuewild \";\"");

        JsonNode caa = caaAfterVerify(host);

        assertThat(caa.get("status").asString()).isEqualTo("allowed");
        assertThat(caa.get("reason").asString()).isEqualTo("no_issue_property");
    }

    /** Targets in the alias's zone: an authoritative BIND follows a CNAME only within a zone. */
    @Test
    void anAliasHasItsTargetsRecordsButNotTheTargetsParents() {
        String forbiddenAlias = host("example.com");
        String forbiddingTarget = host("example.com");
        bind.setRdata(parent(forbiddenAlias), "CAA", "0 issue \"letsencrypt.org\"");
        bind.setRdata(forbiddingTarget, "CAA", "0 issue \"digicert.com\"");
        bind.set(forbiddenAlias, "CNAME", forbiddingTarget + ".");

        JsonNode forbidden = caaAfterVerify(forbiddenAlias);

        assertThat(forbidden.get("status").asString()).isEqualTo("forbidden");
        assertThat(forbidden.get("domain").asString()).isEqualTo(forbiddenAlias);

        String alias = host("example.com");
        String target = host("example.com");
        bind.setRdata(parent(alias), "CAA", "0 issue \"letsencrypt.org\"");
        bind.setRdata(parent(target), "CAA", "0 issue \"digicert.com\"");
        bind.set(target, "A", ADDRESS);
        bind.set(alias, "CNAME", target + ".");

        JsonNode allowed = caaAfterVerify(alias);

        assertThat(allowed.get("status").asString()).isEqualTo("allowed");
        assertThat(allowed.get("domain").asString())
                .as("the climb goes on from the alias's parent")
                .isEqualTo(parent(alias));
    }

    @Test
    void dnsServersThatDoNotAnswerMakeItUnknownNotForbidden() {
        JsonNode caa = caaAfterVerify(host(Bind.SERVFAIL_ZONE));

        assertThat(caa.get("status").asString()).isEqualTo("unknown");
        assertThat(caa.get("reason").asString()).isEqualTo("dns_unavailable");
        assertThat(caa.get("domain").isNull()).isTrue();
        assertThat(caa.get("records").isEmpty()).isTrue();
    }

    /**
     * A BIND serving the top-level domain too, so the climb reaches its end, and a node whose
     * operator uses DigiCert.
     */
    @Test
    void noCaaUpToTheTopLevelDomainAllowsAndTheConfiguredCasAreTheOnesChecked() {
        try (Bind withTld = Bind.start("example.com", "com");
                TestNode node =
                        TestNode.start(
                                Map.of(
                                        "DOMAINS_DNS_NAMESERVERS",
                                        withTld.nameserver(),
                                        "DOMAINS_DNS_TIMEOUT_MS",
                                        "500",
                                        "DOMAINS_ALLOWED_CAS",
                                        "DigiCert.com"))) {
            DomainsApi digicert = new DomainsApi(node);
            String own = digicert.application(null, List.of(ADDRESS));
            String free = host("example.com");
            String pinned = host("example.com");
            withTld.setRdata(parent(pinned), "CAA", "0 issue \"digicert.com\"");
            String letsEncryptOnly = host("example.com");
            withTld.setRdata(letsEncryptOnly, "CAA", "0 issue \"letsencrypt.org\"");

            JsonNode none = caaOf(digicert, own, free);
            assertThat(none.get("status").asString()).isEqualTo("allowed");
            assertThat(none.get("reason").asString()).isEqualTo("no_caa");
            assertThat(none.get("domain").isNull()).isTrue();
            assertThat(strings(none.get("allowed_cas"))).containsExactly("digicert.com");
            assertThat(caaOf(digicert, own, pinned).get("status").asString()).isEqualTo("allowed");
            assertThat(caaOf(digicert, own, letsEncryptOnly).get("status").asString())
                    .isEqualTo("forbidden");
        }
    }

    private static JsonNode caaOf(DomainsApi api, String app, String host) {
        return api.verify(app, api.connect(app, host).get("id").asString()).get("caa");
    }
}
