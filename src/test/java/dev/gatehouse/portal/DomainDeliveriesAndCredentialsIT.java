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
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The webhook deliveries page of an application and the DNS credentials page, over plain HTTP
 * signed in as a person: a new connection's event listed, the API's scopes per role, a credential
 * saved and listed without its secret, refusals next to their fields in the reader's language,
 * deletion, and tenant isolation.
 */
class DomainDeliveriesAndCredentialsIT {

    static final String PASSWORD = "a long and private passphrase 7";
    static final String CREDENTIALS = "/portal/domains/dns-credentials";
    static TestNode node;
    static String base;

    @BeforeAll
    static void start() {
        Bind dns = Bind.shared();
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

    // ---- webhook deliveries

    @Test
    void aNewConnectionsEventIsListedAmongTheApplicationsDeliveries() {
        Person owner = person(Role.OWNER);
        HttpResponse<String> created =
                owner.client.post(
                        "/portal/domains",
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf("/portal/domains"),
                                "name",
                                "Hooked",
                                "cname",
                                "edge.example.net",
                                "origin",
                                "https://origin.example.net",
                                "webhookUrl",
                                "http://127.0.0.1:9/hook"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String appId = group(created.body(), "(app_[0-9a-z]{26})");
        String deliveries = "/portal/domains/apps/" + appId + "/deliveries";
        assertThat(owner.client.get("/portal/domains/apps/" + appId).body())
                .contains("id=\"deliveries-link\" href=\"" + deliveries + "\"");

        String before = owner.client.get(deliveries).body();
        assertThat(before)
                .contains("id=\"no-deliveries\"", "<code>http://127.0.0.1:9/hook</code>")
                .containsPattern(
                        "id=\"webhook-status\">\\s*<span class=\"badge allow\">Active</span>")
                .doesNotContain("connection.created");

        owner.client.post(
                "/portal/domains/apps/" + appId + "/connections",
                Map.of(
                        "_csrf",
                        owner.client.csrfOf("/portal/domains/apps/" + appId),
                        "hostname",
                        "hooked-" + System.nanoTime() + ".example.com"));
        HttpResponse<String> after = owner.client.get(deliveries);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body())
                .contains("<code>connection.created</code>", "<title>Webhook deliveries of Hooked")
                .containsPattern("<span class=\"muted mono\">evt_[0-9a-z]{26}</span>")
                .containsPattern("class=\"badge (wait|deny)\">(Pending|Failed)</span>")
                .doesNotContain("id=\"no-deliveries\"", "whsec_");
    }

    @Test
    void anApplicationWithoutAWebhookSaysNoEventsAreSent() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Silent");
        String page = owner.client.get("/portal/domains/apps/" + appId + "/deliveries").body();
        assertThat(page)
                .contains("id=\"no-deliveries\"", "No webhook events for this application yet.")
                .containsPattern(
                        "id=\"webhook-status\">\\s*<span class=\"badge deny\">No webhook URL");
    }

    @Test
    void aViewerReadsDeliveriesButDnsCredentialsAreForbidden() {
        Person viewer = person(Role.VIEWER);
        String appId = apiApplication(viewer.adminKey, "Watched");
        Http.Response stored =
                node.http().post("/v1/dns-credentials", viewer.adminKey, rfc2136Body("Theirs"));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        String credentialId = stored.json().get("id").asString();

        assertThat(viewer.client.get("/portal/domains/apps/" + appId + "/deliveries").statusCode())
                .isEqualTo(200);
        assertThat(viewer.client.get("/portal/domains").body())
                .contains("href=\"/portal/domains/usage\"")
                .doesNotContain("href=\"" + CREDENTIALS + "\"");
        assertThat(viewer.client.get(CREDENTIALS).statusCode()).isEqualTo(403);

        String csrf = viewer.client.csrfOf("/portal/domains");
        Map<String, Map<String, String>> posts = new LinkedHashMap<>();
        posts.put(CREDENTIALS, rfc2136Form(csrf, "Mine", randomSecret()));
        posts.put(CREDENTIALS + "/" + credentialId + "/delete", Map.of("_csrf", csrf));
        posts.forEach(
                (path, form) -> {
                    HttpResponse<String> r = viewer.client.post(path, form);
                    assertThat(r.statusCode()).as(path).isEqualTo(403);
                    assertThat(r.body()).as(path).contains("Your role does not allow this.");
                });
        assertThat(apiCredentialNames(viewer.adminKey)).containsExactly("Theirs");
    }

    @Test
    void anotherTenantsApplicationDeliveriesAnswer404() {
        Person mine = person(Role.OWNER);
        Person theirs = person(Role.OWNER);
        String theirApp = apiApplication(theirs.adminKey, "Theirs");
        for (String path :
                List.of(
                        "/portal/domains/apps/" + theirApp + "/deliveries",
                        "/portal/domains/apps/app_not-an-id/deliveries")) {
            HttpResponse<String> r = mine.client.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body())
                    .as(path)
                    .contains("There is no such page or item here")
                    .doesNotContain("Theirs");
        }
        assertThat(
                        theirs.client
                                .get("/portal/domains/apps/" + theirApp + "/deliveries")
                                .statusCode())
                .isEqualTo(200);
    }

    // ---- DNS credentials

    @Test
    void anRfc2136CredentialIsSavedAndListedWithoutItsSecretThenDeleted() {
        Person owner = person(Role.OWNER);
        String secret = randomSecret();
        assertThat(owner.client.get(CREDENTIALS).body())
                .contains("id=\"no-credentials\"")
                .contains("type=\"password\" value=\"\" autocomplete=\"off\"");

        HttpResponse<String> saved =
                owner.client.post(
                        CREDENTIALS,
                        rfc2136Form(owner.client.csrfOf(CREDENTIALS), "Primary BIND", secret));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.body()).doesNotContain(secret);
        String list = owner.client.get(saved.headers().firstValue("Location").orElseThrow()).body();
        assertThat(list)
                .contains(
                        "DNS credential saved",
                        "<td>Primary BIND</td>",
                        "<code>127.0.0.1:5353 · example.com · gatehouse-key (hmac-sha512)</code>",
                        "RFC 2136 (dynamic update with TSIG)")
                .doesNotContain(secret, "id=\"no-credentials\"");
        String credentialId = group(list, "<code>(dnsc_[0-9a-z]{26})</code>");
        assertThat(apiCredentialNames(owner.adminKey)).containsExactly("Primary BIND");

        HttpResponse<String> deleted =
                owner.client.post(
                        CREDENTIALS + "/" + credentialId + "/delete",
                        Map.of("_csrf", owner.client.csrfOf(CREDENTIALS)));
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(owner.client.get(deleted.headers().firstValue("Location").orElseThrow()).body())
                .contains("DNS credential deleted.", "id=\"no-credentials\"")
                .doesNotContain("Primary BIND");
        assertThat(apiCredentialNames(owner.adminKey)).isEmpty();
        assertThat(
                        owner.client
                                .post(
                                        CREDENTIALS + "/" + credentialId + "/delete",
                                        Map.of("_csrf", owner.client.csrfOf(CREDENTIALS)))
                                .statusCode())
                .as("already gone")
                .isEqualTo(404);
    }

    @Test
    void aCloudflareCredentialIsSavedWithoutItsToken() {
        Person owner = person(Role.OWNER);
        String token = "cf-token-" + System.nanoTime() + "-abcdefghijklmnop";
        String zoneId = "023e105f4ecef8ad9ca31a8372d0c353";
        HttpResponse<String> saved =
                owner.client.post(
                        CREDENTIALS,
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf(CREDENTIALS),
                                "name",
                                "Cloudflare zone",
                                "provider",
                                "cloudflare",
                                "apiToken",
                                token,
                                "zoneId",
                                zoneId,
                                "server",
                                "ignored.example.net"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(owner.client.get(CREDENTIALS).body())
                .contains(
                        "<td>Cloudflare zone</td>",
                        "<code>" + zoneId + "</code>",
                        "<td>Cloudflare</td>")
                .doesNotContain(token, "ignored.example.net");
    }

    @Test
    void anInvalidCredentialFormShowsEachProblemNextToItsFieldAndSavesNothing() {
        Person owner = person(Role.OWNER);
        String badSecret = "not-base64-" + System.nanoTime() + "!!";
        Map<String, String> form =
                new LinkedHashMap<>(
                        rfc2136Form(owner.client.csrfOf(CREDENTIALS), "Broken", badSecret));
        form.put("zone", "");
        form.put("port", "99999");
        HttpResponse<String> r = owner.client.post(CREDENTIALS, form);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .doesNotContain(badSecret)
                .contains(
                        "Some fields need attention",
                        "value=\"Broken\"",
                        "value=\"127.0.0.1\"",
                        "<option value=\"hmac-sha512\" selected>")
                .contains(
                        "id=\"cred-zone-error\">Fill in this field.</p>",
                        "id=\"cred-tsigSecret-error\">Enter the key in base64: 16 to 512 bytes once"
                                + " decoded.</p>",
                        "id=\"cred-port-error\">Enter a whole number between 1 and 65535.</p>",
                        "aria-describedby=\"cred-zone-hint cred-zone-error\"")
                .doesNotContain("id=\"cred-server-error\"");

        HttpResponse<String> es =
                owner.client.post(
                        CREDENTIALS,
                        Map.of(
                                "_csrf",
                                owner.client.csrfOf(CREDENTIALS),
                                "name",
                                "Mala",
                                "provider",
                                "cloudflare",
                                "apiToken",
                                "has spaces in it",
                                "zoneId",
                                "xyz"),
                        "es");
        assertThat(es.body())
                .contains(
                        "id=\"cred-zoneId-error\">Escribe el ID de zona: 32 caracteres"
                                + " hexadecimales.",
                        "id=\"cred-apiToken-error\">El token debe ser ASCII imprimible sin"
                                + " espacios.")
                .doesNotContain("has spaces in it");
        assertThat(apiCredentialNames(owner.adminKey)).isEmpty();
    }

    @Test
    void anotherTenantsCredentialCannotBeDeleted() {
        Person mine = person(Role.OWNER);
        Person theirs = person(Role.OWNER);
        String theirId =
                node.http()
                        .post("/v1/dns-credentials", theirs.adminKey, rfc2136Body("Theirs"))
                        .json()
                        .get("id")
                        .asString();
        assertThat(mine.client.get(CREDENTIALS).body()).doesNotContain("Theirs", theirId);
        HttpResponse<String> r =
                mine.client.post(
                        CREDENTIALS + "/" + theirId + "/delete",
                        Map.of("_csrf", mine.client.csrfOf(CREDENTIALS)));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(apiCredentialNames(theirs.adminKey)).containsExactly("Theirs");
    }

    @Test
    void pagesSpeakSpanishWhenTheBrowserAsksForIt() {
        Person owner = person(Role.OWNER);
        String appId = apiApplication(owner.adminKey, "Tienda");
        assertThat(owner.client.get("/portal/domains/apps/" + appId + "/deliveries", "es").body())
                .contains(
                        "<title>Entregas de webhooks de Tienda · Gatehouse</title>",
                        "Entregas recientes");
        assertThat(owner.client.get(CREDENTIALS, "es-ES,es;q=0.9").body())
                .contains(
                        "<html lang=\"es\">",
                        "<title>Credenciales DNS · Gatehouse</title>",
                        "Añadir una credencial DNS",
                        "Secreto TSIG");
    }

    /**
     * The API's sentences the form translates have messages; others are shown as they are, not
     * hidden.
     */
    @Test
    void everyTranslatedRefusalHasAMessageAndOthersAreShownAsTheyAre() throws IOException {
        Properties en = new Properties();
        try (var in =
                DomainDeliveriesAndCredentialsIT.class.getResourceAsStream(
                        "/i18n/messages.properties")) {
            en.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        DomainCredentialForm.REASONS
                .values()
                .forEach(
                        k ->
                                assertThat(en.getProperty("domains.credentials.error." + k))
                                        .as(k)
                                        .isNotBlank());
        for (String field : DomainCredentialForm.FIELDS.values()) {
            assertThat(en.getProperty("domains.credentials." + field)).as(field).isNotBlank();
        }
        for (String reason :
                List.of(
                        "rejected",
                        "expired",
                        "gone",
                        "private_target",
                        "invalid_target",
                        "webhook_disabled",
                        "application_deleted",
                        "application_disabled",
                        "no_webhook_url")) {
            assertThat(en.getProperty("domains.delivery.reason." + reason)).as(reason).isNotBlank();
        }
        Msg msg = new Msg(node.bean(MessageSource.class), Locale.ENGLISH);
        assertThat(DomainCredentialForm.message(msg, "must be text of 1 to 253 characters"))
                .isEqualTo("Enter 1 to 253 characters.");
        assertThat(DomainCredentialForm.message(msg, "is not a field of rfc2136"))
                .isEqualTo("This value is not accepted: is not a field of rfc2136.");
        assertThat(DomainText.deliveryError(msg, "something_new")).isEqualTo("something_new");
    }

    // ---- fixtures

    /** A signed-in person of {@code role} in a new tenant, and that tenant's admin API key. */
    record Person(String email, TenantId tenant, String adminKey, Client client) {}

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
        return new Person(email, tenant, t.adminKey(), c);
    }

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

    static String randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static Map<String, String> rfc2136Form(String csrf, String name, String secret) {
        return Map.of(
                "_csrf",
                csrf,
                "name",
                name,
                "provider",
                "rfc2136",
                "server",
                "127.0.0.1",
                "port",
                "5353",
                "zone",
                "example.com",
                "tsigKeyName",
                "gatehouse-key",
                "tsigAlgorithm",
                "hmac-sha512",
                "tsigSecret",
                secret,
                "apiToken",
                "");
    }

    static String rfc2136Body(String name) {
        return Http.json(
                "name",
                name,
                "provider",
                "rfc2136",
                "config",
                Map.of(
                        "server",
                        "127.0.0.1",
                        "zone",
                        "example.com",
                        "tsig_key_name",
                        "gatehouse-key",
                        "tsig_secret",
                        randomSecret()));
    }

    static List<String> apiCredentialNames(String adminKey) {
        Http.Response r = node.http().get("/v1/dns-credentials", adminKey);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        r.json().get("data").forEach(n -> names.add(n.get("name").asString()));
        return names;
    }

    /** The portal client of these tests, on this node. */
    static final class Client extends PortalClient {
        Client() {
            super(base);
        }
    }
}
