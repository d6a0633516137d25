package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.identity.UserRef;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PortalClient;
import dev.gatehouse.testing.RawHttp;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every redirect names {@code PUBLIC_URL}, whatever {@code Host} (or {@code X-Forwarded-Host}) the
 * client sends: each redirecting route of the public listener is called with forged ones, and the
 * management listener never echoes them.
 */
class RedirectsIT {

    static final String PUBLIC = "https://gatehouse.example.com";
    static final String PASSWORD = "a long and private passphrase 8";
    static TestNode node;
    static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("PUBLIC_URL", PUBLIC + "/"));
        port = Integer.parseInt(node.env().get("SERVER_PORT"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void signedOutRedirectsNameThePublicUrl() {
        Forged anonymous = new Forged();
        assertRedirect(anonymous.get("/"), "/portal/home");
        assertRedirect(anonymous.get("/portal"), "/portal/home");
        assertRedirect(anonymous.get("/portal/"), "/portal/sign-in");
        assertRedirect(anonymous.get("/portal/home"), "/portal/sign-in");
        assertRedirect(anonymous.get("/portal/lang?to=es&back=/portal/audit"), "/portal/audit");
        assertRedirect(
                anonymous.get("/portal/lang?to=es&back=//evil.example/portal"), "/portal/home");
    }

    @Test
    void everyRedirectOfASignedInPersonNamesThePublicUrl() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        TenantId tenant =
                node.bean(Tenants.class)
                        .findByPublicId(new SystemScope("test"), t.id())
                        .orElseThrow()
                        .id();
        UserAdministration admin = node.bean(UserAdministration.class);
        String email = "owner-" + System.nanoTime() + "@example.com";
        var owner = (Invitation.Invited) admin.createOwner(tenant, email, "Owner");
        String otp = owner.password().reveal();
        UserRef ownerRef =
                new UserRef(tenant, t.id(), owner.user().publicId(), email, "Owner", Role.OWNER);
        var invited =
                (Invitation.Invited)
                        admin.invite(
                                ownerRef,
                                "viewer-" + System.nanoTime() + "@example.com",
                                "Viewer",
                                Role.VIEWER);

        Forged me = new Forged();
        assertRedirect(
                me.post(
                        "/portal/sign-in",
                        Map.of(
                                "_csrf",
                                me.csrf("/portal/sign-in"),
                                "email",
                                email,
                                "password",
                                otp)),
                "/portal/account/password");
        assertRedirect(me.get("/portal/home"), "/portal/account/password");
        assertRedirect(
                me.post(
                        "/portal/account/password",
                        Map.of(
                                "_csrf",
                                me.csrf("/portal/account/password"),
                                "current",
                                otp,
                                "next",
                                PASSWORD,
                                "repeat",
                                PASSWORD)),
                "/portal/account?changed=1");
        assertRedirect(me.get("/portal/sign-in"), "/portal/home");
        String csrf = me.csrf("/portal/account");

        assertRedirect(
                me.post("/portal/account/totp/confirm", Map.of("_csrf", csrf, "code", "000000")),
                "/portal/account");

        String[] key = Tenancy.newKey(node, t, List.of("apps:read"));
        assertRedirect(
                me.post("/portal/settings/api-keys/" + key[0] + "/revoke", Map.of("_csrf", csrf)),
                "/portal/settings/api-keys");

        assertRedirect(
                me.post(
                        "/portal/settings/users/" + invited.user().publicId() + "/role",
                        Map.of("_csrf", csrf, "role", "operator")),
                "/portal/settings/users");

        String app = application(t.adminKey());
        String connection =
                created(
                        node.http()
                                .post(
                                        "/v1/applications/" + app + "/connections",
                                        t.adminKey(),
                                        Http.json(
                                                "hostname",
                                                "r" + System.nanoTime() + ".example.com")));
        assertRedirect(
                me.post(
                        "/portal/domains/apps/" + app + "/connections/" + connection + "/remove",
                        Map.of("_csrf", csrf)),
                "/portal/domains/apps/" + app + "?done=removed");
        String credential =
                created(
                        node.http()
                                .post(
                                        "/v1/dns-credentials",
                                        t.adminKey(),
                                        DomainDeliveriesAndCredentialsIT.rfc2136Body("Mine")));
        assertRedirect(
                me.post(
                        "/portal/domains/dns-credentials/" + credential + "/delete",
                        Map.of("_csrf", csrf)),
                "/portal/domains/dns-credentials?done=credentialDeleted");
        assertRedirect(
                me.post(
                        "/portal/domains/apps/" + app + "/delete",
                        Map.of("_csrf", csrf, "confirm", "yes")),
                "/portal/domains?done=deleted");

        assertRedirect(me.post("/portal/sign-out", Map.of("_csrf", csrf)), "/portal/sign-in");
        Forged again = new Forged();
        again.post(
                "/portal/sign-in",
                Map.of(
                        "_csrf",
                        again.csrf("/portal/sign-in"),
                        "email",
                        email,
                        "password",
                        PASSWORD));
        assertRedirect(
                again.post(
                        "/portal/sign-out-everywhere",
                        Map.of("_csrf", again.csrf("/portal/account"))),
                "/portal/sign-in");
    }

    @Test
    void theOpenApiDocumentNamesThePublicUrlAsItsServer() {
        RawHttp.Response r = RawHttp.get(port, "/v1/openapi.json", "evil.example");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("evil.example").contains("\"url\":\"" + PUBLIC + "\"");
    }

    @Test
    void theManagementListenerNeverEchoesTheHost() {
        int management = Integer.parseInt(node.env().get("MANAGEMENT_PORT"));
        for (String path :
                List.of("/", "/healthz", "/metrics", "/internal/ask?domain=a.example", "/error")) {
            RawHttp.Response r =
                    RawHttp.send(
                            management,
                            "GET",
                            path,
                            Map.of("Host", "evil.example", "X-Forwarded-Host", "evil.example"),
                            null);
            assertThat(r.header("Location")).as(path).isNull();
            assertThat(r.body()).as(path).doesNotContain("evil.example");
            assertThat(r.headers().toString()).as(path).doesNotContain("evil.example");
        }
        assertThat(RawHttp.get(management, "/", "evil.example").status())
                .as("no link page built from the Host")
                .isEqualTo(404);
    }

    private static void assertRedirect(RawHttp.Response r, String path) {
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo(PUBLIC + path);
    }

    private static String application(String adminKey) {
        return created(
                node.http()
                        .post(
                                "/v1/applications",
                                adminKey,
                                Http.json(
                                        "name",
                                        "Redirects " + System.nanoTime(),
                                        "target",
                                        Map.of("cname", "edge.saas.example.net"),
                                        "origin",
                                        "https://origin.saas.example.com")));
    }

    private static String created(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /**
     * A client that keeps cookies and names a forged {@code Host} and {@code X-Forwarded-Host} on
     * every request.
     */
    static final class Forged {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        RawHttp.Response get(String path) {
            return send("GET", path, null);
        }

        RawHttp.Response post(String path, Map<String, String> form) {
            return send(
                    "POST",
                    path,
                    form.entrySet().stream()
                            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                            .collect(Collectors.joining("&")));
        }

        String csrf(String path) {
            RawHttp.Response page = get(path);
            assertThat(page.status()).as(path + " " + page.header("Location")).isEqualTo(200);
            return PortalClient.group(page.body(), "name=\"_csrf\" value=\"([^\"]+)\"");
        }

        private RawHttp.Response send(String method, String path, String body) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", "evil.example");
            headers.put("X-Forwarded-Host", "evil.example");
            headers.put("X-Forwarded-Proto", "http");
            if (!cookies.isEmpty()) {
                headers.put(
                        "Cookie",
                        cookies.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("; ")));
            }
            if (body != null) {
                headers.put("Content-Type", "application/x-www-form-urlencoded");
            }
            RawHttp.Response r = RawHttp.send(port, method, path, headers, body);
            for (String set : r.headers().getOrDefault("set-cookie", List.of())) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || set.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return r;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
