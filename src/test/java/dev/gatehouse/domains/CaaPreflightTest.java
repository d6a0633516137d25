package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.CaaCheck.Reason;
import dev.gatehouse.domains.CaaCheck.Status;
import dev.gatehouse.domains.DnsLookup.Caa;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The CAA preflight's climb and its decision on an RRset, with a scripted DNS. */
class CaaPreflightTest {

    private static final List<String> CADDY = List.of("letsencrypt.org", "sectigo.com");

    /** Answers CAA from a map (NXDOMAIN otherwise) and remembers every name asked. */
    private static final class ScriptedCaa implements DnsLookup {
        final Map<String, CaaAnswer> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        ScriptedCaa with(String name, CaaAnswer answer) {
            answers.put(name, answer);
            return this;
        }

        ScriptedCaa with(String name, Caa... records) {
            return with(name, new CaaFound(List.of(records)));
        }

        @Override
        public Answer lookup(String name, DnsRecord.Type type) {
            throw new AssertionError("the preflight asks for CAA only");
        }

        @Override
        public CaaAnswer caa(String name) {
            asked.add(name);
            return answers.getOrDefault(name, new NxDomain());
        }
    }

    private static Caa issue(String value) {
        return new Caa(0, "issue", value);
    }

    private static CaaCheck decide(Caa... records) {
        return CaaPreflight.decide("example.com", List.of(records), CADDY);
    }

    @Test
    void noCaaAnywhereAllowsAfterAskingEveryNameUpToTheTopLevelDomainButNotTheRoot() {
        ScriptedCaa dns = new ScriptedCaa().with("example.com", new DnsLookup.NoRecords());

        CaaCheck c = CaaPreflight.check("shop.eu.example.com", dns, CADDY);

        assertThat(c.status()).isEqualTo(Status.ALLOWED);
        assertThat(c.reason()).isEqualTo(Reason.NO_CAA);
        assertThat(c.domain()).isNull();
        assertThat(c.records()).isEmpty();
        assertThat(c.allowedCas()).isEqualTo(CADDY);
        assertThat(dns.asked)
                .containsExactly("shop.eu.example.com", "eu.example.com", "example.com", "com");
    }

    @Test
    void theFirstNonEmptyRecordSetDecidesAndTheClimbStopsThere() {
        ScriptedCaa dns =
                new ScriptedCaa()
                        .with("eu.example.com", issue("letsencrypt.org"))
                        .with("example.com", issue("digicert.com"));

        CaaCheck c = CaaPreflight.check("shop.eu.example.com", dns, CADDY);

        assertThat(c.reason()).isEqualTo(Reason.CA_PERMITTED);
        assertThat(c.domain()).isEqualTo("eu.example.com");
        assertThat(c.records()).containsExactly("0 issue \"letsencrypt.org\"");
        assertThat(dns.asked).containsExactly("shop.eu.example.com", "eu.example.com");
    }

    @Test
    void aParentNamingOnlyAnotherCaForbids() {
        ScriptedCaa dns = new ScriptedCaa().with("example.com", issue("digicert.com"));

        CaaCheck c = CaaPreflight.check("shop.example.com", dns, CADDY);

        assertThat(c.status()).isEqualTo(Status.FORBIDDEN);
        assertThat(c.reason()).isEqualTo(Reason.CA_NOT_PERMITTED);
        assertThat(c.domain()).isEqualTo("example.com");
        assertThat(c.records()).containsExactly("0 issue \"digicert.com\"");
    }

    @Test
    void dnsTroubleStopsTheClimbAsUnknownNeverAsForbidden() {
        for (DnsLookup.CaaAnswer trouble :
                List.<DnsLookup.CaaAnswer>of(new DnsLookup.ServFail(), new DnsLookup.Timeout())) {
            ScriptedCaa dns =
                    new ScriptedCaa()
                            .with("eu.example.com", trouble)
                            .with("example.com", issue("digicert.com"));

            CaaCheck c = CaaPreflight.check("shop.eu.example.com", dns, CADDY);

            assertThat(c.status()).as(trouble.toString()).isEqualTo(Status.UNKNOWN);
            assertThat(c.reason()).isEqualTo(Reason.DNS_UNAVAILABLE);
            assertThat(c.domain()).isNull();
            assertThat(dns.asked).containsExactly("shop.eu.example.com", "eu.example.com");
        }
    }

    @Test
    void anyIssuePropertyNamingAConfiguredCaAllows() {
        assertThat(decide(issue("digicert.com"), issue("sectigo.com")).reason())
                .isEqualTo(Reason.CA_PERMITTED);
        assertThat(decide(issue("LetsEncrypt.org")).reason()).isEqualTo(Reason.CA_PERMITTED);
        assertThat(decide(new Caa(0, "ISSUE", "letsencrypt.org")).reason())
                .as("tags match case-insensitively")
                .isEqualTo(Reason.CA_PERMITTED);
        assertThat(decide(issue(" letsencrypt.org ; accounturi=https://acme/acct/1")).reason())
                .as("parameters after the semicolon")
                .isEqualTo(Reason.CA_PERMITTED);
    }

    @Test
    void aSemicolonAloneMalformedValuesAndOtherCasForbid() {
        assertThat(decide(issue(";")).reason()).isEqualTo(Reason.CA_NOT_PERMITTED);
        assertThat(decide(issue("")).reason()).isEqualTo(Reason.CA_NOT_PERMITTED);
        assertThat(decide(issue("letsencrypt.org.evil")).reason())
                .isEqualTo(Reason.CA_NOT_PERMITTED);
        assertThat(decide(issue("digicert.com"), issue("pki.goog")).status())
                .isEqualTo(Status.FORBIDDEN);
    }

    @Test
    void withoutAnIssuePropertyEveryCaMayIssueAndIssuewildIsForWildcardsOnly() {
        assertThat(decide(new Caa(0, "iodef", "mailto:security@example.com")).reason())
                .isEqualTo(Reason.NO_ISSUE_PROPERTY);
        assertThat(decide(new Caa(0, "issuewild", ";")).reason())
                .isEqualTo(Reason.NO_ISSUE_PROPERTY);
        assertThat(decide(new Caa(0, "issuewild", "letsencrypt.org"), issue(";")).reason())
                .isEqualTo(Reason.CA_NOT_PERMITTED);
    }

    @Test
    void aCriticalPropertyNobodyKnowsForbidsEvenBesideAnAllowingIssue() {
        assertThat(decide(issue("letsencrypt.org"), new Caa(128, "tbs", "unknown")).reason())
                .isEqualTo(Reason.UNKNOWN_CRITICAL_PROPERTY);
        assertThat(decide(issue("letsencrypt.org"), new Caa(0, "tbs", "unknown")).reason())
                .as("not critical: ignored")
                .isEqualTo(Reason.CA_PERMITTED);
        assertThat(decide(new Caa(128, "issue", "letsencrypt.org")).reason())
                .as("critical but known")
                .isEqualTo(Reason.CA_PERMITTED);
    }

    @Test
    void recordsAreShownInMasterFileFormSorted() {
        CaaCheck c =
                decide(
                        new Caa(128, "issue", "sectigo.com"),
                        new Caa(0, "iodef", "mailto:\"a\"@example.com"));

        assertThat(c.records())
                .containsExactly(
                        "0 iodef \"mailto:\\\"a\\\"@example.com\"", "128 issue \"sectigo.com\"");
    }
}
