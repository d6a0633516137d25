package dev.gatehouse.portal;

import static dev.gatehouse.testing.PortalClient.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.identity.UserRef;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PortalClient;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ERP Access pages over plain HTTP, signed in as a person: each page for an admin, the same
 * pages read-only for a role holding only {@code gateway:read}, 404 for another tenant's ids,
 * refusals next to the field with nothing changed, confirmations before anything stops, and the
 * one-time secrets of a credential set never shown again.
 */
class GatewayPagesIT {

    static final String PASSWORD = "a long and private passphrase 7";
    static TestNode node;
    static String base;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("TRUSTED_PROXIES", "127.0.0.1/32"));
        base = "http://127.0.0.1:" + node.env().get("SERVER_PORT");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theMenuShowsErpAccessAndEveryPageRendersForAnOwner() {
        Team t = team();
        assertThat(t.owner.get("/portal/home").body())
                .contains("href=\"/portal/gateway\"", ">ERP Access<");
        String account = createAccount(t.owner, "Acme Distribution");
        String actor = createActor(t.owner, account, "Order sync", "ops@acme.example");
        String list = t.owner.get("/portal/gateway").body();
        assertThat(list)
                .contains("Acme Distribution", account, "action=\"/portal/gateway/accounts\"")
                .contains(
                        "href=\"/portal/gateway/kill-switch\"",
                        "href=\"/portal/gateway/schedule\"");
        assertThat(t.owner.get("/portal/gateway/accounts/" + account).body())
                .contains("Order sync", "ops@acme.example", actor, "Suspend account")
                .contains("action=\"/portal/gateway/accounts/" + account + "/actors\"");
        String actorPage = t.owner.get("/portal/gateway/actors/" + actor).body();
        assertThat(actorPage)
                .contains("Disable actor", "No credential sets yet", "Issue credential set")
                .contains("value=\"admin_unrestricted\"");
        Secrets s =
                issue(t.owner, actor, Map.of("rateLimit", "120", "allowedIps", "203.0.113.0/24"));
        assertThat(t.owner.get("/portal/gateway/actors/" + actor).body())
                .contains(
                        s.clientId,
                        "120 requests per minute",
                        "203.0.113.0/24",
                        "Rotate",
                        "Revoke");
        assertThat(t.owner.get("/portal/gateway/credentials/" + s.credentialId + "/tokens").body())
                .contains("No tokens yet");
        assertThat(t.owner.get("/portal/gateway/kill-switch").body())
                .contains("Released: relays are allowed", "Engage kill switch", "name=\"reason\"");
        assertThat(t.owner.get("/portal/gateway/schedule").body())
                .contains("Asia/Karachi", "11:00", "20:00", "Next window opens", " UTC")
                .contains("Save schedule");
        for (String path :
                List.of(
                        "/portal/gateway",
                        "/portal/gateway/accounts/" + account,
                        "/portal/gateway/actors/" + actor,
                        "/portal/gateway/credentials/" + s.credentialId + "/tokens",
                        "/portal/gateway/policies",
                        "/portal/gateway/catalog",
                        "/portal/gateway/upstream",
                        "/portal/gateway/kill-switch",
                        "/portal/gateway/schedule")) {
            for (String language : List.of("en", "es")) {
                HttpResponse<String> r = t.owner.get(path, language);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.body()).as(path + " in " + language).doesNotContain("??");
            }
            assertThat(t.owner.get(path, "es").body()).as(path).contains("Acceso ERP");
        }
    }

    @Test
    void aPersonWhoMayOnlyReadSeesEveryPageWithoutFormsAndCannotChangeAnything() {
        Team t = team();
        String account = createAccount(t.owner, "Readable");
        String actor = createActor(t.owner, account, "Reader's actor", "");
        Secrets s = issue(t.owner, actor, Map.of());
        String token = exchange(s);
        assertThat(token).startsWith("gwt_");
        String tokenId =
                group(
                        t.owner
                                .get("/portal/gateway/credentials/" + s.credentialId + "/tokens")
                                .body(),
                        "(tok_[0-9a-z]{26})");

        assertThat(t.viewer.get("/portal/home").body()).contains("href=\"/portal/gateway\"");
        for (String path :
                List.of(
                        "/portal/gateway",
                        "/portal/gateway/accounts/" + account,
                        "/portal/gateway/actors/" + actor,
                        "/portal/gateway/credentials/" + s.credentialId + "/tokens",
                        "/portal/gateway/kill-switch",
                        "/portal/gateway/schedule")) {
            HttpResponse<String> r = t.viewer.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body())
                    .as(path)
                    .doesNotContainPattern("<form[^>]*action=\"/portal/gateway")
                    .doesNotContain(s.apiPassword, s.xApiKey);
        }
        assertThat(t.viewer.get("/portal/gateway/credentials/" + s.credentialId + "/tokens").body())
                .contains(tokenId);

        String csrf = t.viewer.csrfOf("/portal/gateway");
        Map<String, Map<String, String>> writes =
                Map.of(
                        "/portal/gateway/accounts",
                        Map.of("name", "Not mine"),
                        "/portal/gateway/accounts/" + account + "/status",
                        Map.of("status", "suspended", "confirm", "yes"),
                        "/portal/gateway/accounts/" + account + "/actors",
                        Map.of("name", "X"),
                        "/portal/gateway/actors/" + actor + "/status",
                        Map.of("status", "disabled", "confirm", "yes"),
                        "/portal/gateway/actors/" + actor + "/credentials",
                        Map.of(),
                        "/portal/gateway/credentials/" + s.credentialId + "/revoke",
                        Map.of("confirm", "yes"),
                        "/portal/gateway/credentials/" + s.credentialId + "/rotate",
                        Map.of("confirm", "yes"),
                        "/portal/gateway/tokens/" + tokenId + "/revoke",
                        Map.of("confirm", "yes"),
                        "/portal/gateway/kill-switch",
                        Map.of("action", "engage", "reason", "x", "confirm", "yes"),
                        "/portal/gateway/schedule",
                        Map.of("timezone", "UTC", "days", "MON", "start", "01:00", "end", "02:00"));
        writes.forEach(
                (path, form) -> {
                    Map<String, String> body = new HashMap<>(form);
                    body.put("_csrf", csrf);
                    assertThat(t.viewer.post(path, body).statusCode()).as(path).isEqualTo(403);
                });
        assertThat(api(t, "/v1/gateway/accounts").get("data").size()).isEqualTo(1);
        assertThat(api(t, "/v1/gateway/accounts/" + account).get("status").asString())
                .isEqualTo("active");
        assertThat(api(t, "/v1/gateway/kill-switch").get("engaged").asBoolean()).isFalse();
        assertThat(api(t, "/v1/gateway/schedule").get("timezone").asString())
                .isEqualTo("Asia/Karachi");
        assertThat(exchange(s)).startsWith("gwt_");
    }

    @Test
    void anotherTenantsIdsAnswerThePortals404() {
        Team mine = team();
        Team theirs = team();
        AccessFixture.Issued c = AccessFixture.credential(node, theirs.adminKey);
        String token = exchange(new Secrets(c.id(), c.clientId(), c.apiPassword(), c.xApiKey()));
        String tokenId =
                api(theirs, "/v1/gateway/tokens?credential_id=" + c.id())
                        .get("data")
                        .get(0)
                        .get("id")
                        .asString();
        assertThat(token).startsWith("gwt_");
        for (String path :
                List.of(
                        "/portal/gateway/accounts/" + c.accountId(),
                        "/portal/gateway/actors/" + c.actorId(),
                        "/portal/gateway/credentials/" + c.id() + "/tokens",
                        "/portal/gateway/accounts/acct_not-an-id",
                        "/portal/gateway/actors/cred_wrong-shape")) {
            HttpResponse<String> r = mine.owner.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body())
                    .as(path)
                    .contains("There is no such page or item here")
                    .doesNotContain("Partner", "Integration");
        }
        String csrf = mine.owner.csrfOf("/portal/gateway");
        for (String path :
                List.of(
                        "/portal/gateway/accounts/" + c.accountId() + "/status",
                        "/portal/gateway/accounts/" + c.accountId() + "/actors",
                        "/portal/gateway/actors/" + c.actorId() + "/status",
                        "/portal/gateway/actors/" + c.actorId() + "/credentials",
                        "/portal/gateway/credentials/" + c.id() + "/revoke",
                        "/portal/gateway/credentials/" + c.id() + "/rotate",
                        "/portal/gateway/tokens/" + tokenId + "/revoke")) {
            HttpResponse<String> r =
                    mine.owner.post(
                            path,
                            Map.of(
                                    "_csrf",
                                    csrf,
                                    "confirm",
                                    "yes",
                                    "status",
                                    "suspended",
                                    "name",
                                    "Intruder"));
            assertThat(r.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(api(theirs, "/v1/gateway/accounts/" + c.accountId()).get("status").asString())
                .isEqualTo("active");
        assertThat(
                        api(theirs, "/v1/gateway/tokens?credential_id=" + c.id())
                                .get("data")
                                .get(0)
                                .get("status")
                                .asString())
                .isEqualTo("active");
        assertThat(api(theirs, "/v1/gateway/accounts/" + c.accountId() + "/actors").get("data"))
                .hasSize(1);
    }

    @Test
    void badInputIsShownNextToItsFieldAndChangesNothing() {
        Team t = team();
        HttpResponse<String> noName =
                t.owner.post(
                        "/portal/gateway/accounts",
                        Map.of("_csrf", t.owner.csrfOf("/portal/gateway"), "name", "  "));
        assertThat(noName.statusCode()).isEqualTo(200);
        assertThat(noName.body())
                .contains("id=\"account-name-error\">Give it a name of 1 to 200 characters")
                .contains("aria-describedby=\"account-name-error\"");
        assertThat(api(t, "/v1/gateway/accounts").get("data").size()).isZero();

        String account = createAccount(t.owner, "Valid");
        HttpResponse<String> badActor =
                t.owner.post(
                        "/portal/gateway/accounts/" + account + "/actors",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/accounts/" + account),
                                "name",
                                "Sync",
                                "email",
                                "not an address"));
        assertThat(badActor.body())
                .contains("id=\"actor-email-error\">Enter an e-mail address")
                .contains("value=\"not an address\"", "value=\"Sync\"");
        assertThat(api(t, "/v1/gateway/accounts/" + account + "/actors").get("data").size())
                .isZero();

        String actor = createActor(t.owner, account, "Sync", "");
        HttpResponse<String> badCredential =
                t.owner.post(
                        "/portal/gateway/actors/" + actor + "/credentials",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/actors/" + actor),
                                "kind",
                                "superuser",
                                "expiresAt",
                                "2001-01-01T10:00",
                                "rateLimit",
                                "0",
                                "allowedIps",
                                "10.1.2.3/8\nnot-an-ip"));
        assertThat(badCredential.body())
                .contains("id=\"cred-kind-error\">Choose standard")
                .contains("id=\"cred-expiresAt-error\">Enter a date and time in the future")
                .contains("id=\"cred-rateLimit-error\">Enter a whole number between 1")
                .contains("id=\"cred-allowedIps-error\">Each line must be an IPv4 or IPv6")
                .contains("10.1.2.3/8")
                .doesNotContain("gwp_", "gwk_");
        assertThat(api(t, "/v1/gateway/actors/" + actor + "/credentials").get("data").size())
                .isZero();

        HttpResponse<String> noReason =
                t.owner.post(
                        "/portal/gateway/kill-switch",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/kill-switch"),
                                "action",
                                "engage",
                                "reason",
                                " ",
                                "confirm",
                                "yes"));
        assertThat(noReason.body()).contains("id=\"kill-reason-error\">Say why");
        assertThat(api(t, "/v1/gateway/kill-switch").get("engaged").asBoolean()).isFalse();

        HttpResponse<String> badSchedule =
                t.owner.post(
                        "/portal/gateway/schedule",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/schedule"),
                                "timezone",
                                "Mars/Olympus",
                                "start",
                                "25:00",
                                "end",
                                "10:00",
                                "enabled",
                                "on"));
        assertThat(badSchedule.body())
                .contains("id=\"schedule-timezone-error\">Enter an IANA time zone")
                .contains("id=\"schedule-days-error\">Choose at least one day")
                .contains("id=\"schedule-start-error\">Enter a time as HH:MM")
                .contains("value=\"Mars/Olympus\"");
        assertThat(api(t, "/v1/gateway/schedule").hasNonNull("updated_at")).isFalse();
    }

    @Test
    void secretsAreShownOnceAndNeverAgainAndWork() {
        Team t = team();
        String account = createAccount(t.owner, "Secretive");
        String actor = createActor(t.owner, account, "Holder", "");
        Secrets s = issue(t.owner, actor, Map.of("kind", "admin_unrestricted"));
        String token = exchange(s);
        String tokenPage =
                t.owner.get("/portal/gateway/credentials/" + s.credentialId + "/tokens").body();
        String tokenId = group(tokenPage, "(tok_[0-9a-z]{26})");
        assertThat(tokenPage).doesNotContain(token);

        HttpResponse<String> rotateAsk =
                t.owner.post(
                        "/portal/gateway/credentials/" + s.credentialId + "/rotate",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/actors/" + actor),
                                "overlap",
                                "3600"));
        assertThat(rotateAsk.body())
                .contains("Rotate this credential set?", "60 more minutes", "name=\"confirm\"")
                .doesNotContain("gwp_");
        HttpResponse<String> rotated =
                t.owner.post(
                        "/portal/gateway/credentials/" + s.credentialId + "/rotate",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/actors/" + actor),
                                "overlap",
                                "3600",
                                "confirm",
                                "yes"));
        assertThat(rotated.body()).contains("Credential set rotated", s.clientId);
        String newPassword = group(rotated.body(), "value=\"(gwp_[A-Za-z0-9_-]{43})\"");
        String newKey = group(rotated.body(), "value=\"(gwk_[A-Za-z0-9_-]{43})\"");
        assertThat(newPassword).isNotEqualTo(s.apiPassword);
        assertThat(exchange(new Secrets(s.credentialId, s.clientId, newPassword, newKey)))
                .startsWith("gwt_");

        for (String path :
                List.of(
                        "/portal/gateway",
                        "/portal/gateway/accounts/" + account,
                        "/portal/gateway/actors/" + actor,
                        "/portal/gateway/credentials/" + s.credentialId + "/tokens",
                        "/portal/gateway/kill-switch",
                        "/portal/gateway/schedule",
                        "/portal/audit")) {
            String body = t.owner.get(path).body();
            assertThat(body)
                    .as(path)
                    .doesNotContain(
                            s.apiPassword, s.xApiKey, newPassword, newKey, token, "gwp_", "gwk_");
        }
        assertThat(t.owner.get("/portal/gateway/actors/" + actor).body())
                .contains("Admin, unrestricted", "Previous secrets work until");

        HttpResponse<String> revokeToken =
                t.owner.post(
                        "/portal/gateway/tokens/" + tokenId + "/revoke",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/actors/" + actor),
                                "confirm",
                                "yes"));
        assertThat(revokeToken.statusCode()).isEqualTo(302);
        assertThat(follow(t.owner, revokeToken)).contains("The token is revoked.", "Revoked");
    }

    @Test
    void stoppingThingsAsksFirstThenHoldsAtOnce() {
        Team t = team();
        String account = createAccount(t.owner, "Stoppable");
        String actor = createActor(t.owner, account, "Worker", "");
        Secrets s = issue(t.owner, actor, Map.of());
        String csrf = t.owner.csrfOf("/portal/gateway");

        HttpResponse<String> ask =
                t.owner.post(
                        "/portal/gateway/accounts/" + account + "/status",
                        Map.of("_csrf", csrf, "status", "suspended"));
        assertThat(ask.statusCode()).isEqualTo(200);
        assertThat(ask.body())
                .contains("Suspend this account?", "Stoppable", "name=\"confirm\" value=\"yes\"");
        assertThat(api(t, "/v1/gateway/accounts/" + account).get("status").asString())
                .isEqualTo("active");
        t.owner.post(
                "/portal/gateway/accounts/" + account + "/status",
                Map.of("_csrf", csrf, "status", "suspended", "confirm", "yes"));
        assertThat(api(t, "/v1/gateway/accounts/" + account).get("status").asString())
                .isEqualTo("suspended");
        assertThat(tokenStatus(s)).isEqualTo(401);
        t.owner.post(
                "/portal/gateway/accounts/" + account + "/status",
                Map.of("_csrf", csrf, "status", "active", "confirm", "yes"));
        assertThat(tokenStatus(s)).isEqualTo(200);

        t.owner.post(
                "/portal/gateway/actors/" + actor + "/status",
                Map.of("_csrf", csrf, "status", "disabled", "confirm", "yes"));
        assertThat(t.owner.get("/portal/gateway/actors/" + actor).body())
                .contains("id=\"actor-status\" class=\"badge deny\">Disabled");
        assertThat(tokenStatus(s)).isEqualTo(401);
        t.owner.post(
                "/portal/gateway/actors/" + actor + "/status",
                Map.of("_csrf", csrf, "status", "active", "confirm", "yes"));

        HttpResponse<String> revokeAsk =
                t.owner.post(
                        "/portal/gateway/credentials/" + s.credentialId + "/revoke",
                        Map.of("_csrf", csrf));
        assertThat(revokeAsk.body()).contains("Revoke this credential set?", s.clientId);
        assertThat(tokenStatus(s)).isEqualTo(200);
        t.owner.post(
                "/portal/gateway/credentials/" + s.credentialId + "/revoke",
                Map.of("_csrf", csrf, "confirm", "yes"));
        assertThat(tokenStatus(s)).isEqualTo(401);
        assertThat(t.owner.get("/portal/gateway/actors/" + actor).body())
                .contains("Revoked")
                .doesNotContain("/credentials/" + s.credentialId + "/revoke\"");

        HttpResponse<String> engageAsk =
                t.owner.post(
                        "/portal/gateway/kill-switch",
                        Map.of("_csrf", csrf, "action", "engage", "reason", "ERP upgrade"));
        assertThat(engageAsk.body())
                .contains("Engage the kill switch?", "Reason: ERP upgrade")
                .contains("name=\"reason\" value=\"ERP upgrade\"");
        assertThat(api(t, "/v1/gateway/kill-switch").get("engaged").asBoolean()).isFalse();
        HttpResponse<String> engaged =
                t.owner.post(
                        "/portal/gateway/kill-switch",
                        Map.of(
                                "_csrf",
                                csrf,
                                "action",
                                "engage",
                                "reason",
                                "ERP upgrade",
                                "confirm",
                                "yes"));
        assertThat(engaged.statusCode()).isEqualTo(302);
        assertThat(api(t, "/v1/gateway/kill-switch").get("reason").asString())
                .isEqualTo("ERP upgrade");
        assertThat(t.owner.get("/portal/gateway/kill-switch").body())
                .contains(
                        "Engaged: relays are refused",
                        "ERP upgrade",
                        "usr_",
                        "Release kill switch");
        t.owner.post(
                "/portal/gateway/kill-switch",
                Map.of("_csrf", csrf, "action", "release", "confirm", "yes"));
        assertThat(api(t, "/v1/gateway/kill-switch").get("engaged").asBoolean()).isFalse();
    }

    @Test
    void theScheduleIsSavedAndShowsItsNextWindowInItsZoneAndInUtc() {
        Team t = team();
        HttpResponse<String> saved =
                t.owner.post(
                        "/portal/gateway/schedule",
                        Map.of(
                                "_csrf",
                                t.owner.csrfOf("/portal/gateway/schedule"),
                                "timezone",
                                "America/Mexico_City",
                                "days",
                                "SAT",
                                "start",
                                "09:00",
                                "end",
                                "17:30",
                                "enabled",
                                "on"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        var stored = api(t, "/v1/gateway/schedule");
        assertThat(stored.get("timezone").asString()).isEqualTo("America/Mexico_City");
        assertThat(stored.get("days").toString()).isEqualTo("[\"SAT\"]");
        String page = follow(t.owner, saved);
        assertThat(page)
                .contains("The schedule was saved.", "09:00–17:30", "(America/Mexico_City)")
                .containsPattern("id=\"schedule-next\">Sat \\d+ \\w+ \\d{4}, 09:00")
                .containsPattern("id=\"schedule-next-utc\">Sat \\d+ \\w+ \\d{4}, 15:00 UTC");
        String es = t.owner.get("/portal/gateway/schedule", "es").body();
        assertThat(es).contains("Horario", "La próxima ventana abre", "sábado");
    }

    @Test
    void aPolicyIsWrittenInTheRuleEditorAndShowsWhatEachRuleGrants() {
        Team t = team();
        String account = createAccount(t.owner, "Governed");
        addEndpoint(t.owner, "GET", "/customers/{id}");
        addEndpoint(t.owner, "POST", "/orders");
        String csrf = t.owner.csrfOf("/portal/gateway/policies");

        HttpResponse<String> bad =
                t.owner.post(
                        "/portal/gateway/policies",
                        Map.of(
                                "_csrf",
                                csrf,
                                "name",
                                " ",
                                "holder",
                                "acct_0000000000000000000000000",
                                "method-0",
                                "get",
                                "path-0",
                                "customers",
                                "method-1",
                                "GET",
                                "path-1",
                                "/orders",
                                "method-2",
                                "GET",
                                "path-2",
                                "/orders"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body())
                .contains("id=\"policy-name-error\">Give the policy a name")
                .contains("id=\"policy-holder-error\">Enter the ID of one of your accounts")
                .contains("id=\"rule-0-method-error\">Enter * or an upper-case HTTP method")
                .contains("id=\"rule-0-path-error\">Enter a path starting with /")
                .contains("id=\"rule-2-path-error\">This rule is written twice")
                .contains("value=\"customers\"");
        assertThat(api(t, "/v1/gateway/policies").get("data").size()).isZero();

        HttpResponse<String> created =
                t.owner.post(
                        "/portal/gateway/policies",
                        Map.of(
                                "_csrf",
                                csrf,
                                "name",
                                "Read customers",
                                "holder",
                                account,
                                "method-0",
                                "GET",
                                "path-0",
                                "/customers/*",
                                "method-1",
                                "",
                                "path-1",
                                ""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String policy = group(location(created), "/portal/gateway/policies/(pol_[0-9a-z]{26})$");
        assertThat(t.owner.get("/portal/gateway/accounts/" + account).body())
                .contains("href=\"/portal/gateway/policies/" + policy + "\">Read customers</a>");
        assertThat(t.owner.get("/portal/gateway/policies?holder=" + account).body())
                .contains("id=\"policy-holder\" name=\"holder\" value=\"" + account + "\"");
        String page = follow(t.owner, created);
        assertThat(page)
                .contains("The policy was created.", "GET /customers/*", "GET /customers/{id}")
                .doesNotContain("POST /orders (");
        assertThat(t.viewer.get("/portal/gateway/policies/" + policy).body())
                .contains("GET /customers/{id}")
                .doesNotContainPattern("<form[^>]*action=\"/portal/gateway");

        HttpResponse<String> saved =
                t.owner.post(
                        "/portal/gateway/policies/" + policy,
                        Map.of(
                                "_csrf",
                                csrf,
                                "name",
                                "Customers and orders",
                                "holder",
                                account,
                                "method-0",
                                "GET",
                                "path-0",
                                "/customers/*",
                                "method-3",
                                "*",
                                "path-3",
                                "/orders/**",
                                "scheduleExempt",
                                "on"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        var stored = api(t, "/v1/gateway/policies/" + policy);
        assertThat(stored.get("rules").size()).isEqualTo(2);
        assertThat(stored.get("schedule_exempt").asBoolean()).isTrue();
        assertThat(stored.get("version").asInt()).isEqualTo(2);

        HttpResponse<String> ask =
                t.owner.post(
                        "/portal/gateway/policies/" + policy + "/delete", Map.of("_csrf", csrf));
        assertThat(ask.body()).contains("Delete this policy?", "Customers and orders");
        assertThat(api(t, "/v1/gateway/policies").get("data").size()).isEqualTo(1);
        t.owner.post(
                "/portal/gateway/policies/" + policy + "/delete",
                Map.of("_csrf", csrf, "confirm", "yes"));
        assertThat(api(t, "/v1/gateway/policies").get("data").size()).isZero();

        Team other = team();
        assertThat(other.owner.get("/portal/gateway/policies/" + policy).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anOpenApiDocumentIsImportedAfterADryRun() {
        Team t = team();
        String csrf = t.owner.csrfOf("/portal/gateway/catalog");
        String doc =
                """
                openapi: 3.0.3
                info: {title: ERP, version: "1"}
                paths:
                  /customers/{id}:
                    get: {summary: One customer, responses: {"200": {description: ok}}}
                  /orders:
                    post: {summary: New order, responses: {"201": {description: ok}}}
                """;
        HttpResponse<String> dry =
                t.owner.post(
                        "/portal/gateway/catalog/import", Map.of("_csrf", csrf, "openapi", doc));
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.body())
                .contains("Import preview", "2 endpoints would be added", "/customers/{id}")
                .contains("Import 2 endpoints");
        assertThat(api(t, "/v1/gateway/endpoints").get("data").size()).isZero();
        HttpResponse<String> done =
                t.owner.post(
                        "/portal/gateway/catalog/import",
                        Map.of("_csrf", csrf, "openapi", doc, "apply", "yes"));
        assertThat(done.body()).contains("Import done", "2 endpoints were added");
        assertThat(api(t, "/v1/gateway/endpoints").get("data").size()).isEqualTo(2);
        assertThat(t.owner.get("/portal/gateway/catalog").body())
                .contains("One customer", "Imported");

        HttpResponse<String> refused =
                t.owner.post(
                        "/portal/gateway/catalog/import",
                        Map.of("_csrf", csrf, "openapi", "this is not openapi"));
        assertThat(refused.body())
                .contains("id=\"import-openapi-error\">This value is not accepted");
        HttpResponse<String> twice =
                t.owner.post(
                        "/portal/gateway/catalog",
                        Map.of("_csrf", csrf, "method", "GET", "pathTemplate", "/customers/{n}"));
        assertThat(twice.body())
                .contains("id=\"endpoint-pathTemplate-error\">The catalog already has GET");
        HttpResponse<String> badPath =
                t.owner.post(
                        "/portal/gateway/catalog",
                        Map.of("_csrf", csrf, "method", "GET", "pathTemplate", "no-slash"));
        assertThat(badPath.body()).contains("id=\"endpoint-pathTemplate-error\">");
        assertThat(api(t, "/v1/gateway/endpoints").get("data").size()).isEqualTo(2);

        String endpoint = api(t, "/v1/gateway/endpoints").get("data").get(0).get("id").asString();
        Team other = team();
        assertThat(
                        other.owner
                                .post(
                                        "/portal/gateway/catalog/" + endpoint + "/delete",
                                        Map.of(
                                                "_csrf",
                                                other.owner.csrfOf("/portal/gateway/catalog"),
                                                "confirm",
                                                "yes"))
                                .statusCode())
                .isEqualTo(404);
        t.owner.post(
                "/portal/gateway/catalog/" + endpoint + "/delete",
                Map.of("_csrf", csrf, "confirm", "yes"));
        assertThat(api(t, "/v1/gateway/endpoints").get("data").size()).isEqualTo(1);
    }

    @Test
    void theUpstreamIsSavedWithoutShowingItsSecretAndTestsItsConnection() {
        Team t = team();
        String secret = "erp-header-secret-" + System.nanoTime();
        try (FakeUpstream erp = FakeUpstream.start()) {
            erp.script("/api", FakeUpstream.Reply.status(204));
            String csrf = t.owner.csrfOf("/portal/gateway/upstream");
            HttpResponse<String> bad =
                    t.owner.post(
                            "/portal/gateway/upstream",
                            Map.of(
                                    "_csrf",
                                    csrf,
                                    "baseUrl",
                                    "ftp://erp.example.com",
                                    "authType",
                                    "header",
                                    "headerName",
                                    "X-Erp-Key",
                                    "headerValue",
                                    secret,
                                    "timeoutMs",
                                    "soon"));
            assertThat(bad.body())
                    .contains("id=\"upstream-timeoutMs-error\">Enter a whole number")
                    .doesNotContain(secret);
            bad =
                    t.owner.post(
                            "/portal/gateway/upstream",
                            Map.of(
                                    "_csrf",
                                    csrf,
                                    "baseUrl",
                                    "ftp://erp.example.com",
                                    "authType",
                                    "header",
                                    "headerName",
                                    "X-Erp-Key",
                                    "headerValue",
                                    secret));
            assertThat(bad.body())
                    .contains("id=\"upstream-baseUrl-error\">This value is not accepted")
                    .doesNotContain(secret);
            assertThat(node.http().get("/v1/gateway/upstream", t.adminKey).status()).isEqualTo(404);

            HttpResponse<String> saved =
                    t.owner.post(
                            "/portal/gateway/upstream",
                            Map.of(
                                    "_csrf",
                                    csrf,
                                    "baseUrl",
                                    erp.url("/api"),
                                    "authType",
                                    "header",
                                    "headerName",
                                    "X-Erp-Key",
                                    "headerValue",
                                    secret));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
            String page = follow(t.owner, saved);
            assertThat(page)
                    .contains("The upstream settings were saved.", erp.url("/api"), "X-Erp-Key")
                    .doesNotContain(secret);

            HttpResponse<String> tested =
                    t.owner.post("/portal/gateway/upstream/test", Map.of("_csrf", csrf));
            assertThat(tested.body())
                    .contains("id=\"upstream-test\"", "The ERP answered.", "status: 204")
                    .doesNotContain(secret);
            assertThat(erp.requests("/api").getFirst().header("x-erp-key")).isEqualTo(secret);
            assertThat(t.viewer.get("/portal/gateway/upstream").body())
                    .contains(erp.url("/api"))
                    .doesNotContain(secret)
                    .doesNotContainPattern("<form[^>]*action=\"/portal/gateway");
        }
    }

    // --- helpers ---

    record Team(Client owner, Client viewer, String adminKey) {}

    record Secrets(String credentialId, String clientId, String apiPassword, String xApiKey) {}

    /** A new tenant with a signed-in owner and a signed-in viewer ({@code gateway:read} only). */
    static Team team() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        TenantId tenant =
                node.bean(Tenants.class)
                        .findByPublicId(new SystemScope("test"), t.id())
                        .orElseThrow()
                        .id();
        UserAdministration admin = node.bean(UserAdministration.class);
        String ownerEmail = "owner-" + System.nanoTime() + "@example.com";
        var owner = (Invitation.Invited) admin.createOwner(tenant, ownerEmail, "Owner");
        UserRef ref =
                new UserRef(
                        tenant, t.id(), owner.user().publicId(), ownerEmail, "Owner", Role.OWNER);
        String viewerEmail = "viewer-" + System.nanoTime() + "@example.com";
        var viewer = (Invitation.Invited) admin.invite(ref, viewerEmail, "Viewer", Role.VIEWER);
        return new Team(
                signIn(ownerEmail, owner.password().reveal()),
                signIn(viewerEmail, viewer.password().reveal()),
                t.adminKey());
    }

    static Client signIn(String email, String otp) {
        Client c = new Client();
        c.signInFirstTime(email, otp, PASSWORD);
        return c;
    }

    static String createAccount(Client c, String name) {
        HttpResponse<String> r =
                c.post(
                        "/portal/gateway/accounts",
                        Map.of("_csrf", c.csrfOf("/portal/gateway"), "name", name));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return group(location(r), "/portal/gateway/accounts/(acct_[0-9a-z]{26})$");
    }

    static String createActor(Client c, String account, String name, String email) {
        HttpResponse<String> r =
                c.post(
                        "/portal/gateway/accounts/" + account + "/actors",
                        Map.of(
                                "_csrf",
                                c.csrfOf("/portal/gateway/accounts/" + account),
                                "name",
                                name,
                                "email",
                                email));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return group(location(r), "/portal/gateway/actors/(act_[0-9a-z]{26})$");
    }

    static Secrets issue(Client c, String actor, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("_csrf", c.csrfOf("/portal/gateway/actors/" + actor));
        HttpResponse<String> r = c.post("/portal/gateway/actors/" + actor + "/credentials", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .contains("Credential set issued", "will not be shown again")
                .contains("Do not share them over unsecured channels")
                .contains("data-copy=\"client-id\"", "data-copy=\"api-password\"")
                .contains("data-copy=\"x-api-key\"");
        return new Secrets(
                group(r.body(), "(cred_[0-9a-z]{26})"),
                group(r.body(), "value=\"(gwc_[0-9a-z]{26})\""),
                group(r.body(), "value=\"(gwp_[A-Za-z0-9_-]{43})\""),
                group(r.body(), "value=\"(gwk_[A-Za-z0-9_-]{43})\""));
    }

    /** A token exchanged with the set's secrets, which must pass. */
    static String exchange(Secrets s) {
        Http.Response r = token(s);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    static int tokenStatus(Secrets s) {
        return token(s).status();
    }

    private static Http.Response token(Secrets s) {
        return AccessFixture.token(
                node.http(), AccessFixture.basic(s.clientId, s.apiPassword), s.xApiKey);
    }

    static tools.jackson.databind.JsonNode api(Team t, String path) {
        Http.Response r = node.http().get(path, t.adminKey);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    static void addEndpoint(Client c, String method, String path) {
        HttpResponse<String> r =
                c.post(
                        "/portal/gateway/catalog",
                        Map.of(
                                "_csrf",
                                c.csrfOf("/portal/gateway/catalog"),
                                "method",
                                method,
                                "pathTemplate",
                                path));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    }

    /** The page a redirect leads to. */
    static String follow(Client c, HttpResponse<String> r) {
        return c.get(r.headers().firstValue("Location").orElseThrow()).body();
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
