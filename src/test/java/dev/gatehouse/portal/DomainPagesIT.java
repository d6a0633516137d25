package dev.gatehouse.portal;

import static dev.gatehouse.testing.PortalClient.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.identity.UserRef;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PortalClient;
import dev.gatehouse.testing.QuotaLock;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Domains pages over plain HTTP, signed in as a person: the webhook secret shown once, the
 * records of a connection, refusals shown next to the field in the reader's language, "Verify now"
 * against a real BIND the test writes records into, the API's scopes for each role, and tenant
 * isolation.
 */
class DomainPagesIT {

    static final String PASSWORD = "a long and private passphrase 7";
    static Bind dns;
    static TestNode node;
    static String base;

    @BeforeAll
    static void start() {
        dns = Bind.shared();
        node =
                TestNode.start(
                        Map.of(
                                "TRUSTED_PROXIES",
                                "127.0.0.1/32",
                                "DOMAINS_DNS_NAMESERVERS",
                                dns.nameserver(),
                                "DOMAINS_DNS_TIMEOUT_MS",
                                "1000"));
        base = "http://127.0.0.1:" + node.env().get("SERVER_PORT");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aNewApplicationShowsItsWebhookSecretOnceAndNeverAgain() {
        Person owner = person(Role.OWNER);
        HttpResponse<String> created =
                owner.client.post(
                        "/portal/domains",
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf("/portal/domains"),
                                "name",
                                "Storefront",
                                "cname",
                                "edge.example.net",
                                "ipv4",
                                "203.0.113.10\n203.0.113.11",
                                "origin",
                                "https://origin.example.net",
                                "allowedOrigins",
                                "https://app.example.net",
                                "webhookUrl",
                                "https://hooks.example.net/in"));
        assertThat(created.statusCode()).isEqualTo(200);
        String secret = group(created.body(), "value=\"(whsec_[A-Za-z0-9+/=]{44})\"");
        assertThat(created.body()).contains("will not be shown again");
        String appId = group(created.body(), "(app_[0-9a-z]{26})");

        String list = owner.client.get("/portal/domains").body();
        assertThat(list).contains("Storefront", appId).doesNotContain(secret, "whsec_");
        String detail = owner.client.get("/portal/domains/apps/" + appId).body();
        assertThat(detail)
                .contains("edge.example.net", "203.0.113.11", "https://app.example.net")
                .doesNotContain(secret, "whsec_");

        HttpResponse<String> rotated =
                owner.client.post(
                        "/portal/domains/apps/" + appId + "/rotate-secret",
                        Map.of("_csrf", owner.client.csrfOf("/portal/domains/apps/" + appId)));
        String second = group(rotated.body(), "value=\"(whsec_[A-Za-z0-9+/=]{44})\"");
        assertThat(second).isNotEqualTo(secret);
        assertThat(owner.client.get("/portal/domains/apps/" + appId).body()).doesNotContain(second);
    }

    @Test
    void anInvalidApplicationFormShowsEachProblemNextToItsFieldAndCreatesNothing() {
        Person owner = person(Role.OWNER);
        HttpResponse<String> r =
                owner.client.post(
                        "/portal/domains",
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf("/portal/domains"),
                                "name",
                                " ",
                                "ipv4",
                                "300.1.1.1",
                                "origin",
                                "ftp://origin.example.net",
                                "allowedOrigins",
                                "https://app.example.net/path",
                                "webhookUrl",
                                "http://hooks.example.net/in"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .doesNotContain("whsec_")
                .contains("id=\"new-name\" name=\"name\"")
                .containsPattern("id=\"new-name-error\">Give the application a name")
                .containsPattern("id=\"new-ipv4-error\">Each line must be an IPv4 address")
                .containsPattern("id=\"new-origin-error\">Enter an absolute http or https URL")
                .containsPattern("id=\"new-allowedOrigins-error\">Each line must be an origin only")
                .containsPattern("aria-describedby=\"new-origin-hint new-origin-error\"")
                .contains("value=\"ftp://origin.example.net\"");
        assertThat(node.http().get("/v1/applications", owner.adminKey).json().get("data").size())
                .isZero();
    }

    @Test
    void theWebhookRuleOfProductionRefusesPlainHttpAndPrivateTargets() {
        assertThat(DomainApplicationForm.webhookProblem("https://hooks.example.net/in", false))
                .isNull();
        assertThat(DomainApplicationForm.webhookProblem("http://hooks.example.net/in", false))
                .isEqualTo("domains.form.error.webhookHttps");
        for (String url :
                List.of(
                        "https://localhost/in",
                        "https://api.localhost/in",
                        "https://127.0.0.1/in",
                        "https://10.1.2.3/in",
                        "https://192.168.0.9/in",
                        "https://169.254.169.254/latest",
                        "https://[::1]/in",
                        "https://[fd00::1]/in")) {
            assertThat(DomainApplicationForm.webhookProblem(url, false))
                    .as(url)
                    .isEqualTo("domains.form.error.webhookPrivate");
        }
        assertThat(DomainApplicationForm.webhookProblem("https://hooks.example.net/in#frag", false))
                .isEqualTo("domains.form.error.webhookUrl");
        assertThat(
                        DomainApplicationForm.webhookProblem(
                                "https://user:pw@hooks.example.net/in", false))
                .isEqualTo("domains.form.error.webhookUrl");
        assertThat(DomainApplicationForm.webhookProblem("http://127.0.0.1:8080/in", true))
                .as("development")
                .isNull();
    }

    /** Each way a hostname is refused has its own reason, which the portal translates by code. */
    @Test
    void everyHostnameRefusalHasItsOwnReason() {
        var rules = new dev.gatehouse.domains.Hostnames(List.of("gatehouse.example.com"));
        java.util.Set<dev.gatehouse.domains.Hostnames.Reason> seen =
                java.util.EnumSet.noneOf(dev.gatehouse.domains.Hostnames.Reason.class);
        for (String input :
                List.of(
                        "a".repeat(1100),
                        " ",
                        "192.0.2.1",
                        "*.example.com",
                        "a\u200d.example.com",
                        "co.uk",
                        "example.notatld",
                        "shop.gatehouse.example.com",
                        "shop",
                        "a..example.com")) {
            var check = rules.check(input);
            assertThat(check).as(input).isInstanceOf(dev.gatehouse.domains.Hostnames.Invalid.class);
            seen.add(((dev.gatehouse.domains.Hostnames.Invalid) check).reason());
        }
        // LDH stands behind UTS 46's STD3 rules, which already refuse what it would (reported as
        // IDNA).
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.EnumSet.complementOf(
                                java.util.EnumSet.of(dev.gatehouse.domains.Hostnames.Reason.LDH)));
    }

    /**
     * Keys the pages build from codes (statuses, outcomes, purposes, refusals) exist in English.
     */
    @Test
    void everyCodeThePagesTranslateHasAMessage() throws IOException {
        java.util.Properties en = new java.util.Properties();
        try (var in = DomainPagesIT.class.getResourceAsStream("/i18n/messages.properties")) {
            en.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> keys = new java.util.ArrayList<>();
        for (var status : dev.gatehouse.domains.ConnectionStatus.values()) {
            keys.add("domains.status." + status.wire());
            keys.add("domains.status." + status.wire() + ".about");
        }
        for (var outcome : dev.gatehouse.domains.RecordCheck.Outcome.values()) {
            keys.add("domains.outcome." + outcome.wire());
        }
        for (var purpose : dev.gatehouse.domains.DnsRecord.Purpose.values()) {
            keys.add("domains.purpose." + purpose.wire());
        }
        for (var app : dev.gatehouse.domains.Application.Status.values()) {
            keys.add("domains.app." + app.wire());
        }
        for (var reason : dev.gatehouse.domains.Hostnames.Reason.values()) {
            keys.add("domains.hostname." + reason.code());
        }
        DomainPages.NOTICES.forEach(n -> keys.add("domains.done." + n));
        for (String reason :
                List.of(
                        "ownership_not_proven",
                        "routing_mismatch",
                        "deadline_passed",
                        "dns_unavailable",
                        "dns_unavailable.failed",
                        "quota_exceeded",
                        "hostname_taken")) {
            keys.add("domains.failure." + reason);
        }
        assertThat(keys).allSatisfy(k -> assertThat(en.getProperty(k)).as(k).isNotBlank());
    }

    @Test
    void dnsServersThatDoNotAnswerShowNoAnswerAndTheRetrySentenceInBothLanguages() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Shop");
        String host = "down-" + System.nanoTime() + "." + Bind.SERVFAIL_ZONE;
        String connPage = connect(owner, appId, host);

        owner.client.post(
                URI.create(connPage).getPath() + "/verify",
                Map.of("_csrf", owner.client.csrfOf(connPage)));

        String page = owner.client.get(connPage).body();
        assertThat(page)
                .contains(
                        "<span class=\"badge wait\">No answer</span>",
                        "The DNS servers did not answer; we will retry.",
                        "Pending")
                .doesNotContain("Mismatch", "was not found", "badge deny");
        String es = owner.client.get(connPage, "es").body();
        assertThat(es)
                .contains(
                        "<span class=\"badge wait\">Sin respuesta</span>",
                        "Los servidores DNS no respondieron; lo intentaremos de nuevo.")
                .doesNotContain("No coincide", "No se encontró");
    }

    @Test
    void aConnectionFailedByALastingOutageSaysSoWithoutPromisingARetry() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Shop");
        String connPage =
                connect(owner, appId, "gone-" + System.nanoTime() + "." + Bind.SERVFAIL_ZONE);
        JdbcClient db = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        db.sql(
                        "update domain_connections set status = 'failed', failure_reason ="
                                + " 'dns_unavailable' where public_id = ?")
                .param(URI.create(connPage).getPath().replaceAll(".*/", ""))
                .update();

        assertThat(owner.client.get(connPage).body())
                .contains(
                        "The DNS servers still did not answer a day after the deadline, so checks"
                                + " stopped.")
                .contains("Not finished in time: the DNS servers did not answer.")
                .doesNotContain("we will retry", "Fix the records", "id=\"verification-deadline\"");
        assertThat(owner.client.get(connPage, "es").body())
                .contains(
                        "Los servidores DNS seguían sin responder un día después del plazo",
                        "No se terminó a tiempo: los servidores DNS no respondieron.")
                .doesNotContain("Corrige los registros");
    }

    @Test
    void aPendingConnectionShowsItsVerificationDeadlineOnItsPageAndInTheList() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Shop");
        String host = "due-" + System.nanoTime() + ".example.com";
        String connPage = connect(owner, appId, host);
        String conn = group(connPage, "(conn_[0-9a-z]+)");
        java.time.Instant deadline =
                java.time.Instant.parse(
                        node.http()
                                .get(
                                        "/v1/applications/" + appId + "/connections/" + conn,
                                        owner.adminKey)
                                .json()
                                .get("verification_deadline")
                                .asString());
        String en =
                java.time.format.DateTimeFormatter.ofPattern(
                                "d MMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(deadline);

        String page = owner.client.get(connPage).body();
        assertThat(page)
                .contains("Verify by " + en, "datetime=\"" + deadline + "\"")
                .containsPattern("Verify by \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC");
        assertThat(owner.client.get("/portal/domains/apps/" + appId).body())
                .contains("Verify by " + en);
        assertThat(owner.client.get(connPage, "es").body())
                .containsPattern(
                        "Verificar antes del \\d{1,2} [a-z]{3,4}\\.? \\d{4}, \\d{2}:\\d{2} UTC");
    }

    @Test
    void aConnectionShowsTheRecordsToCreateWithTheChallengeName() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Shop");
        String host = "shop-" + System.nanoTime() + ".example.com";
        String connPage = connect(owner, appId, host);
        String page = owner.client.get(connPage).body();
        assertThat(page)
                .contains(
                        "Connection created",
                        "value=\"_gatehouse-challenge." + host + "\"",
                        "value=\"" + host + "\"",
                        "value=\"edge.example.net\"",
                        "Pending",
                        "Not checked yet")
                .containsPattern("value=\"gh-verify=[A-Za-z0-9_-]{32}\"");

        String list = owner.client.get("/portal/domains/apps/" + appId).body();
        assertThat(list).contains(host, "badge wait");
        assertThat(
                        location(
                                owner.client.post(
                                        "/portal/domains/apps/" + appId + "/connections",
                                        Map.of(
                                                "_csrf",
                                                owner.client.csrfOf(
                                                        "/portal/domains/apps/" + appId),
                                                "hostname",
                                                host.toUpperCase()))))
                .as("the same hostname again opens the same connection")
                .isEqualTo(URI.create(connPage).getPath());
    }

    @Test
    void anInvalidHostnameIsExplainedNextToTheFieldInTheReadersLanguage() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Shop");
        String csrf = owner.client.csrfOf("/portal/domains/apps/" + appId);
        HttpResponse<String> r =
                owner.client.post(
                        "/portal/domains/apps/" + appId + "/connections",
                        Map.of("_csrf", csrf, "hostname", "co.uk"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("aria-describedby=\"conn-hostname-error\"", "value=\"co.uk\"")
                .containsPattern(
                        "id=\"conn-hostname-error\" role=\"alert\">That is a public suffix");
        HttpResponse<String> es =
                owner.client.post(
                        "/portal/domains/apps/" + appId + "/connections",
                        Map.of("_csrf", csrf, "hostname", "shop"),
                        "es");
        assertThat(es.body())
                .containsPattern(
                        "id=\"conn-hostname-error\" role=\"alert\">Escribe al menos dos etiquetas");
        assertThat(
                        node.http()
                                .get("/v1/applications/" + appId + "/connections", owner.adminKey)
                                .json()
                                .get("data")
                                .size())
                .isZero();
    }

    @Test
    void aConnectionBeyondTheLimitIsRefusedWithTheLimitShown() {
        Person owner = person(Role.OWNER);
        Http.Response limited =
                node.http()
                        .patch(
                                "/v1/tenants/" + owner.tenantPublicId,
                                node.operatorKey(),
                                Http.json("max_connections", 1));
        assertThat(limited.status()).as(limited.body()).isEqualTo(200);
        String appId = apiApplication(owner.adminKey, "Small plan");
        connect(owner, appId, "first-" + System.nanoTime() + ".example.com");
        String host = "second-" + System.nanoTime() + ".example.com";
        HttpResponse<String> r =
                owner.client.post(
                        "/portal/domains/apps/" + appId + "/connections",
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf("/portal/domains/apps/" + appId),
                                "hostname",
                                host));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("value=\"" + host + "\"")
                .containsPattern(
                        "id=\"conn-hostname-error\" role=\"alert\">Your plan allows 1"
                                + " connection\\.");
        assertThat(
                        group(
                                owner.client.get("/portal/domains/usage").body(),
                                "id=\"connection-limit\">(\\d+)<"))
                .isEqualTo("1");
    }

    @Test
    void verifyNowChecksDnsAndShowsWhatWasFoundThenGoesLive() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Shop");
        String host = "live-" + System.nanoTime() + ".example.com";
        String connPage = connect(owner, appId, host);
        String challenge =
                group(owner.client.get(connPage).body(), "value=\"(gh-verify=[A-Za-z0-9_-]+)\"");
        dns.set("_gatehouse-challenge." + host, "TXT", "gh-verify=someone-elses-value");

        HttpResponse<String> checked =
                owner.client.post(
                        URI.create(connPage).getPath() + "/verify",
                        Map.of("_csrf", owner.client.csrfOf(connPage)));
        assertThat(checked.statusCode()).isEqualTo(302);
        String page =
                owner.client.get(checked.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page)
                .contains(
                        "DNS checked just now",
                        "Mismatch",
                        "<code>gh-verify=someone-elses-value</code>",
                        "The ownership TXT record was not found with the expected value",
                        "Pending");

        dns.set("_gatehouse-challenge." + host, "TXT", challenge);
        dns.set(host, "CNAME", "edge.example.net.");
        owner.client.post(
                URI.create(connPage).getPath() + "/verify",
                Map.of("_csrf", owner.client.csrfOf(connPage)));
        page = owner.client.get(connPage).body();
        assertThat(page)
                .contains("badge allow\" id=\"connection-status\">Live", "Live since")
                .doesNotContain("id=\"failure-reason\"");

        String usage = owner.client.get("/portal/domains/usage").body();
        assertThat(group(usage, "id=\"gone-live\">(\\d+)<")).isEqualTo("1");
        assertThat(group(usage, "id=\"live-now\">(\\d+)<")).isEqualTo("1");
        assertThat(group(usage, "id=\"connection-limit\">(\\d+)<")).isEqualTo("100");
        assertThat(usage)
                .as("the charts: by status, and go-lives per day")
                .contains("id=\"connections-by-status\"", "<title>Live: 1</title>")
                .contains("id=\"go-lives-per-day\"", ": 1 gone live</title>");

        assertThat(
                        location(
                                owner.client.post(
                                        URI.create(connPage).getPath() + "/remove",
                                        Map.of("_csrf", owner.client.csrfOf(connPage)))))
                .isEqualTo("/portal/domains/apps/" + appId);
        assertThat(owner.client.get(connPage).body())
                .contains("Removed")
                .doesNotContain("id=\"verify-now\"");
        assertThat(
                        group(
                                owner.client.get("/portal/domains/usage").body(),
                                "id=\"live-now\">(\\d+)<"))
                .isEqualTo("0");
    }

    @Test
    void caaRecordsForbiddingOurCasAreShownOnTheConnectionPageInBothLanguages() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Shop");
        String parent = "caa-" + System.nanoTime() + ".example.com";
        String host = "shop." + parent;
        dns.setRdata(parent, "CAA", "0 issue \"digicert.com\"");
        String connPage = connect(owner, appId, host);
        assertThat(owner.client.get(connPage).body())
                .contains("Certificate authorities (CAA)", "Not checked yet: the next check")
                .doesNotContain("id=\"caa-warning\"");

        owner.client.post(
                URI.create(connPage).getPath() + "/verify",
                Map.of("_csrf", owner.client.csrfOf(connPage)));

        String page = owner.client.get(connPage).body();
        assertThat(group(page, "(?s)<p class=\"notice error\" id=\"caa-warning\">(.*?)</p>"))
                .startsWith(
                        "The CAA records at "
                                + parent
                                + " allow none of the certificate authorities in use"
                                + " (letsencrypt.org, sectigo.com), so certificates for this"
                                + " hostname will fail")
                .contains("add a CAA record 0 issue ")
                .contains("letsencrypt.org");
        assertThat(page)
                .contains(
                        "<span class=\"badge deny\">Certificates will fail</span>",
                        "CAA records at " + parent + ":",
                        "<code>0 issue ")
                .contains("Pending");
        assertThat(owner.client.get(connPage, "es").body())
                .contains(
                        "Autoridades de certificación (CAA)",
                        "<span class=\"badge deny\">Los certificados fallarán</span>",
                        "Los registros CAA de "
                                + parent
                                + " no permiten ninguna de las autoridades de certificación en"
                                + " uso");

        dns.setRdata(host, "CAA", "0 issue \"letsencrypt.org\"");
        owner.client.post(
                URI.create(connPage).getPath() + "/verify",
                Map.of("_csrf", owner.client.csrfOf(connPage)));

        assertThat(owner.client.get(connPage).body())
                .contains(
                        "<span class=\"badge allow\">Allowed</span> The CAA records at "
                                + host
                                + " allow a certificate authority in use (letsencrypt.org,"
                                + " sectigo.com).")
                .doesNotContain("id=\"caa-warning\"", "Certificates will fail");
    }

    @Test
    void verifyNowWhenTheLimitCannotBeCheckedAnswers503AndLeavesTheFailedConnectionAsItWas() {
        Person owner = person(Role.OWNER);
        String appId = webhookApplication(owner.adminKey);
        String host = "revive-" + System.nanoTime() + ".example.com";
        String connPage = connect(owner, appId, host);
        String connId = URI.create(connPage).getPath().replaceAll(".*/", "");
        String challenge =
                group(owner.client.get(connPage).body(), "value=\"(gh-verify=[A-Za-z0-9_-]+)\"");
        JdbcClient db = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        db.sql(
                        "update domain_connections set status = 'failed', failure_reason ="
                                + " 'deadline_passed', deadline_at = now() - interval '1 minute'"
                                + " where public_id = ?")
                .param(connId)
                .update();
        dns.set("_gatehouse-challenge." + host, "TXT", challenge);
        String before = connectionRow(db, connId);
        long deliveries = deliveries(db, owner.tenant());

        HttpResponse<String> r;
        try (QuotaLock held =
                QuotaLock.hold(TestDatabase.ownerOf(node.database()), owner.tenant().value())) {
            r =
                    owner.client.post(
                            URI.create(connPage).getPath() + "/verify",
                            Map.of("_csrf", owner.client.csrfOf(connPage)));
        }

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body())
                .contains(
                        "The connection limit could not be checked just now, so the connection"
                                + " was not revived.");
        assertThat(connectionRow(db, connId)).isEqualTo(before).contains("failed");
        assertThat(deliveries(db, owner.tenant())).isEqualTo(deliveries).isOne();
        HttpResponse<String> retried =
                owner.client.post(
                        URI.create(connPage).getPath() + "/verify",
                        Map.of("_csrf", owner.client.csrfOf(connPage)));
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(owner.client.get(connPage).body()).contains("id=\"connection-status\">Verified");
        assertThat(deliveries(db, owner.tenant())).isEqualTo(2);
    }

    @Test
    void addingAHostnameWhenTheLimitCannotBeCheckedAnswers503AndCreatesNothing() {
        Person owner = person(Role.OWNER);
        String appId = webhookApplication(owner.adminKey);
        String host = "stuck-" + System.nanoTime() + ".example.com";
        JdbcClient db = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        String csrf = owner.client.csrfOf("/portal/domains/apps/" + appId);

        HttpResponse<String> r;
        try (QuotaLock held =
                QuotaLock.hold(TestDatabase.ownerOf(node.database()), owner.tenant().value())) {
            r =
                    owner.client.post(
                            "/portal/domains/apps/" + appId + "/connections",
                            Map.of("_csrf", csrf, "hostname", host));
        }

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body())
                .contains("value=\"" + host + "\"")
                .contains(
                        "The connection limit could not be checked just now, so nothing was"
                                + " created.");
        assertThat(
                        db.sql("select count(*) from domain_connections where hostname = ?")
                                .param(host)
                                .query(Long.class)
                                .single())
                .isZero();
        assertThat(deliveries(db, owner.tenant())).isZero();
    }

    /** An application that sends webhooks, so every change of a connection enqueues one. */
    static String webhookApplication(String adminKey) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications",
                                adminKey,
                                Http.json(
                                        "name",
                                        "Stuck quota",
                                        "target",
                                        Map.of("cname", "edge.example.net"),
                                        "origin",
                                        "https://origin.example.net",
                                        "webhook_url",
                                        "https://hooks.example.net/in"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /** Everything a verify could change on the connection's row, as text. */
    static String connectionRow(JdbcClient db, String connId) {
        return db.sql(
                        "select concat_ws('|', status, failure_reason, deadline_at,"
                            + " last_checked_at, last_check::text, verified_at, updated_at) from"
                            + " domain_connections where public_id = ?")
                .param(connId)
                .query(String.class)
                .single();
    }

    static long deliveries(JdbcClient db, TenantId tenant) {
        return db.sql("select count(*) from webhook_deliveries where tenant_id = ?")
                .param(tenant.value())
                .query(Long.class)
                .single();
    }

    @Test
    void aViewerReadsEverythingButEveryChangeIsForbidden() {
        Person viewer = person(Role.VIEWER);
        String appId = apiApplication(viewer.adminKey, "Read only");
        String host = "viewer-" + System.nanoTime() + ".example.com";
        String connId =
                node.http()
                        .post(
                                "/v1/applications/" + appId + "/connections",
                                viewer.adminKey,
                                Http.json("hostname", host))
                        .json()
                        .get("id")
                        .asString();

        String list = viewer.client.get("/portal/domains").body();
        assertThat(list)
                .contains("Read only", "href=\"/portal/domains\"")
                .doesNotContain("action=\"/portal/domains\"");
        String detail = viewer.client.get("/portal/domains/apps/" + appId).body();
        assertThat(detail)
                .contains(host)
                .doesNotContain("/connections\" novalidate", "rotate-secret", "/delete");
        String conn =
                viewer.client
                        .get("/portal/domains/apps/" + appId + "/connections/" + connId)
                        .body();
        assertThat(conn)
                .contains("_gatehouse-challenge." + host)
                .doesNotContain("id=\"verify-now\"");

        String csrf = viewer.client.csrfOf("/portal/domains/apps/" + appId);
        String app = "/portal/domains/apps/" + appId;
        Map<String, Map<String, String>> posts = new LinkedHashMap<>();
        posts.put(
                "/portal/domains",
                Map.of(
                        "_csrf",
                        csrf,
                        "name",
                        "x",
                        "cname",
                        "edge.example.net",
                        "origin",
                        "https://o.example.net"));
        posts.put(
                app,
                Map.of(
                        "_csrf",
                        csrf,
                        "name",
                        "x",
                        "cname",
                        "edge.example.net",
                        "origin",
                        "https://o.example.net",
                        "status",
                        "active"));
        posts.put(app + "/rotate-secret", Map.of("_csrf", csrf));
        posts.put(app + "/delete", Map.of("_csrf", csrf, "confirm", "yes"));
        posts.put(app + "/connections", Map.of("_csrf", csrf, "hostname", "other-" + host));
        posts.put(app + "/connections/" + connId + "/verify", Map.of("_csrf", csrf));
        posts.put(app + "/connections/" + connId + "/remove", Map.of("_csrf", csrf));
        posts.forEach(
                (path, form) -> {
                    HttpResponse<String> r = viewer.client.post(path, form);
                    assertThat(r.statusCode()).as(path).isEqualTo(403);
                    assertThat(r.body()).as(path).doesNotContain("whsec_");
                });
        assertThat(
                        node.http()
                                .get(
                                        "/v1/applications/" + appId + "/connections/" + connId,
                                        viewer.adminKey)
                                .json()
                                .get("status")
                                .asString())
                .isEqualTo("pending");
        assertThat(
                        node.http()
                                .get("/v1/applications/" + appId, viewer.adminKey)
                                .json()
                                .get("name")
                                .asString())
                .isEqualTo("Read only");
    }

    @Test
    void anotherTenantsApplicationAndConnectionAnswer404() {
        Person mine = person(Role.OWNER);
        Person theirs = person(Role.OWNER);
        String myApp = apiApplication(mine.adminKey, "Mine");
        String theirApp = apiApplication(theirs.adminKey, "Theirs");
        String theirConn =
                node.http()
                        .post(
                                "/v1/applications/" + theirApp + "/connections",
                                theirs.adminKey,
                                Http.json(
                                        "hostname", "theirs-" + System.nanoTime() + ".example.com"))
                        .json()
                        .get("id")
                        .asString();

        for (String path :
                List.of(
                        "/portal/domains/apps/" + theirApp,
                        "/portal/domains/apps/" + theirApp + "/connections/" + theirConn,
                        "/portal/domains/apps/" + myApp + "/connections/" + theirConn,
                        "/portal/domains/apps/app_not-an-id")) {
            HttpResponse<String> r = mine.client.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body())
                    .as(path)
                    .contains("There is no such page or item here")
                    .doesNotContain("Theirs");
        }
        String csrf = mine.client.csrfOf("/portal/domains");
        assertThat(
                        mine.client
                                .post(
                                        "/portal/domains/apps/" + theirApp + "/delete",
                                        Map.of("_csrf", csrf, "confirm", "yes"))
                                .statusCode())
                .isEqualTo(404);
        assertThat(
                        mine.client
                                .post(
                                        "/portal/domains/apps/"
                                                + myApp
                                                + "/connections/"
                                                + theirConn
                                                + "/remove",
                                        Map.of("_csrf", csrf))
                                .statusCode())
                .isEqualTo(404);
        assertThat(node.http().get("/v1/applications/" + theirApp, theirs.adminKey).status())
                .isEqualTo(200);
        assertThat(
                        node.http()
                                .get(
                                        "/v1/applications/"
                                                + theirApp
                                                + "/connections/"
                                                + theirConn,
                                        theirs.adminKey)
                                .json()
                                .get("status")
                                .asString())
                .isEqualTo("pending");
    }

    @Test
    void pagesSpeakSpanishWhenTheBrowserAsksForIt() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Tienda");
        HttpResponse<String> list = owner.client.get("/portal/domains", "es-ES,es;q=0.9");
        assertThat(list.body())
                .contains(
                        "<html lang=\"es\">",
                        "<title>Aplicaciones · Gatehouse</title>",
                        ">Dominios</a>",
                        "Crear una aplicación");
        assertThat(owner.client.get("/portal/domains/apps/" + appId, "es").body())
                .contains("<title>Aplicación Tienda · Gatehouse</title>", "Conexiones");
        assertThat(owner.client.get("/portal/domains/usage", "es").body())
                .contains("Activas ahora");
    }

    @Test
    void deletingAnApplicationNeedsTheConfirmationAndRemovesItsConnections() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Short lived");
        String connId =
                node.http()
                        .post(
                                "/v1/applications/" + appId + "/connections",
                                owner.adminKey,
                                Http.json("hostname", "gone-" + System.nanoTime() + ".example.com"))
                        .json()
                        .get("id")
                        .asString();
        String csrf = owner.client.csrfOf("/portal/domains/apps/" + appId);
        assertThat(
                        owner.client
                                .post(
                                        "/portal/domains/apps/" + appId + "/delete",
                                        Map.of("_csrf", csrf))
                                .statusCode())
                .isEqualTo(400);
        assertThat(node.http().get("/v1/applications/" + appId, owner.adminKey).status())
                .isEqualTo(200);

        HttpResponse<String> deleted =
                owner.client.post(
                        "/portal/domains/apps/" + appId + "/delete",
                        Map.of("_csrf", csrf, "confirm", "yes"));
        assertThat(location(deleted)).isEqualTo("/portal/domains");
        assertThat(owner.client.get(deleted.headers().firstValue("Location").orElseThrow()).body())
                .contains("Application deleted")
                .doesNotContain("Short lived");
        assertThat(node.http().get("/v1/applications/" + appId, owner.adminKey).status())
                .isEqualTo(404);
        assertThat(
                        owner.client
                                .get("/portal/domains/apps/" + appId + "/connections/" + connId)
                                .statusCode())
                .isEqualTo(404);
    }

    @Test
    void editingSettingsSavesThemAndRedirects() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Before");
        String path = "/portal/domains/apps/" + appId;
        HttpResponse<String> bad =
                owner.client.post(
                        path,
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf(path),
                                "name",
                                "After",
                                "origin",
                                "https://origin.example.net",
                                "status",
                                "active"));
        assertThat(bad.body())
                .containsPattern("id=\"edit-cname-error\">Enter a CNAME target or at least one");
        HttpResponse<String> saved =
                owner.client.post(
                        path,
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf(path),
                                "name",
                                "After",
                                "ipv6",
                                "2001:0db8:0:0::10",
                                "origin",
                                "https://origin.example.net",
                                "status",
                                "disabled"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(owner.client.get(saved.headers().firstValue("Location").orElseThrow()).body())
                .contains("Settings saved", "Application After", "AAAA 2001:db8::10", "badge deny");
        var api = node.http().get("/v1/applications/" + appId, owner.adminKey).json();
        assertThat(api.get("status").asString()).isEqualTo("disabled");
        assertThat(api.get("target").path("cname").asString(null)).isNull();
    }

    @Test
    void theConnectionListIsPagedAndFiltered() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Many");
        long n = System.nanoTime();
        for (int i = 0; i < DomainApplicationPages.PAGE + 2; i++) {
            assertThat(
                            node.http()
                                    .post(
                                            "/v1/applications/" + appId + "/connections",
                                            owner.adminKey,
                                            Http.json(
                                                    "hostname", "h" + i + "-" + n + ".example.com"))
                                    .status())
                    .isEqualTo(201);
        }
        String first = owner.client.get("/portal/domains/apps/" + appId).body();
        assertThat(first.split("<td><a href=\"/portal/domains/apps/", -1).length - 1)
                .isEqualTo(DomainApplicationPages.PAGE);
        String next =
                group(
                        first,
                        "href=\"(/portal/domains/apps/"
                                + appId
                                + "\\?after=conn_[0-9a-z]{26})#connections\"");
        String second = owner.client.get(next).body();
        assertThat(second.split("<td><a href=\"/portal/domains/apps/", -1).length - 1).isEqualTo(2);
        assertThat(second)
                .contains("h" + (DomainApplicationPages.PAGE + 1) + "-" + n)
                .doesNotContain("?after=");
        String live = owner.client.get("/portal/domains/apps/" + appId + "?status=live").body();
        assertThat(live)
                .contains("No connections here yet")
                .contains("<option value=\"live\" selected>");
    }

    // ---- fixtures

    /** A signed-in person of {@code role} in a new tenant, and that tenant's admin API key. */
    record Person(
            String email, TenantId tenant, String tenantPublicId, String adminKey, Client client) {}

    static Person person(Role role) {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        TenantId tenant =
                node.bean(Tenants.class)
                        .findByPublicId(new SystemScope("test"), t.id())
                        .orElseThrow()
                        .id();
        UserAdministration admin = node.bean(UserAdministration.class);
        String ownerEmail = "owner-" + System.nanoTime() + "@example.com";
        var owner = (Invitation.Invited) admin.createOwner(tenant, ownerEmail, "Owner");
        String email = ownerEmail;
        String otp = owner.password().reveal();
        if (role != Role.OWNER) {
            UserRef ref =
                    new UserRef(
                            tenant,
                            t.id(),
                            owner.user().publicId(),
                            ownerEmail,
                            "Owner",
                            Role.OWNER);
            email = role.wire() + "-" + System.nanoTime() + "@example.com";
            otp =
                    ((Invitation.Invited) admin.invite(ref, email, "Person", role))
                            .password()
                            .reveal();
        }
        Client c = new Client();
        c.signInFirstTime(email, otp, PASSWORD);
        return new Person(email, tenant, t.id(), t.adminKey(), c);
    }

    /** An application created through the API, with a CNAME target; returns its id. */
    static String apiApplication(String adminKey, String name) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications",
                                adminKey,
                                Http.json(
                                        "name",
                                        name,
                                        "target",
                                        Map.of("cname", "edge.example.net"),
                                        "origin",
                                        "https://origin.example.net"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /** Adds {@code host} on the application's page; returns the connection page it leads to. */
    static String connect(Person p, String appId, String host) {
        HttpResponse<String> r =
                p.client.post(
                        "/portal/domains/apps/" + appId + "/connections",
                        Map.of(
                                "_csrf",
                                p.client.csrfOf("/portal/domains/apps/" + appId),
                                "hostname",
                                host,
                                "endUserRef",
                                "cust-42"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String to = r.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(to).getPath())
                .matches("/portal/domains/apps/" + appId + "/connections/conn_[0-9a-z]{26}");
        return to;
    }

    static String location(HttpResponse<String> r) {
        return URI.create(r.headers().firstValue("Location").orElse("")).getPath();
    }

    /** The portal client of these tests, on this node. */
    static final class Client extends PortalClient {
        Client() {
            super(base);
        }
    }
}
