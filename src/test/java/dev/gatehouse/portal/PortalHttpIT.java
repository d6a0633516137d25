package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.identity.UserRef;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The portal's rules over plain HTTP: CSP, cookies, CSRF, sessions, throttling, roles. */
class PortalHttpIT {

    static final String PASSWORD = "a long and private passphrase 7";
    static TestNode node;
    static String base;

    static final java.util.concurrent.atomic.AtomicInteger CLIENTS =
            new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() {
        // Each client below is its own address (via a trusted proxy), as people are, so the per-IP
        // sign-in limit does not mix the tests up.
        node = TestNode.start(Map.of("TRUSTED_PROXIES", "127.0.0.1/32"));
        base = "http://127.0.0.1:" + node.env().get("SERVER_PORT");
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        node.close();
    }

    /** A browser-like client: keeps cookies, does not follow redirects. */
    static final class Client {
        final CookieManager cookies = new CookieManager();
        final HttpClient http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        final String address =
                "198.51." + (CLIENTS.incrementAndGet() / 250) + "." + (CLIENTS.get() % 250 + 1);

        HttpResponse<String> get(String path) {
            return get(path, Map.of());
        }

        HttpResponse<String> get(String path, Map<String, String> headers) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("X-Forwarded-For", address)
                            .GET();
            headers.forEach(request::header);
            return send(request.build());
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            return post(path, form, Map.of());
        }

        HttpResponse<String> post(
                String path, Map<String, String> form, Map<String, String> headers) {
            String body =
                    form.entrySet().stream()
                            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                            .collect(Collectors.joining("&"));
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("X-Forwarded-For", address)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            return send(request.build());
        }

        String csrfOf(String path) {
            HttpResponse<String> page = get(path);
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(m.find())
                    .as(
                            "a CSRF field on "
                                    + path
                                    + ", got "
                                    + page.statusCode()
                                    + " "
                                    + page.headers().firstValue("Location").orElse("")
                                    + " "
                                    + page.body())
                    .isTrue();
            return m.group(1);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }

        HttpResponse<String> signIn(String email, String password) {
            return post(
                    "/portal/sign-in",
                    Map.of(
                            "_csrf",
                            csrfOf("/portal/sign-in"),
                            "email",
                            email,
                            "password",
                            password));
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    /** A tenant with one signed-up person of {@code role} whose password is already their own. */
    static String[] person(Role role) {
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
        assertThat(location(c.signIn(email, otp))).isEqualTo("/portal/account/password");
        HttpResponse<String> changed =
                c.post(
                        "/portal/account/password",
                        Map.of(
                                "_csrf",
                                c.csrfOf("/portal/account/password"),
                                "current",
                                otp,
                                "next",
                                PASSWORD,
                                "repeat",
                                PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
        return new String[] {email, t.id(), t.adminKey()};
    }

    /** The path a redirect points to. */
    static String location(HttpResponse<String> r) {
        return URI.create(r.headers().firstValue("Location").orElse("")).getPath();
    }

    @Test
    void pagesCarryAStrictCspNoStoreAndPortalScopedCookies() {
        HttpResponse<String> r = new Client().get("/portal/sign-in");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains(
                        "script-src 'self'",
                        "style-src 'self'",
                        "object-src 'none'",
                        "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.body()).doesNotContain("<script>", "style=\"", " onclick=");
        assertThat(r.headers().allValues("Set-Cookie"))
                .anySatisfy(
                        c ->
                                assertThat(c)
                                        .startsWith("gh_csrf=")
                                        .contains("HttpOnly", "SameSite=Lax", "Path=/portal"));
    }

    @Test
    void anEncodedPathDoesNotSlipPastThePortalOrTheApiEdge() {
        HttpResponse<String> portal = new Client().get("/%70ortal/home");
        assertThat(portal.statusCode()).isEqualTo(302);
        assertThat(location(portal)).isEqualTo("/portal/sign-in");
        assertThat(new Client().get("/%761/whoami").statusCode()).isEqualTo(401);
    }

    @Test
    void aFormPostedAfterTheSessionEndedLeadsToSignIn() {
        HttpResponse<String> r =
                new Client()
                        .post("/portal/settings/api-keys", Map.of("_csrf", "stale", "name", "x"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(location(r)).isEqualTo("/portal/sign-in");
    }

    @Test
    void theLanguageSwitchOnlyReturnsToPortalPages() {
        for (String back :
                List.of(
                        "/portal/../../x",
                        "//evil.example.com",
                        "https://evil.example.com",
                        "/portal/%2e%2e/x")) {
            HttpResponse<String> r = new Client().get("/portal/lang?to=es&back=" + back);
            assertThat(r.statusCode()).as(back).isEqualTo(302);
            assertThat(location(r)).as(back).isEqualTo("/portal/home");
            assertThat(URI.create(r.headers().firstValue("Location").orElseThrow()).getHost())
                    .isEqualTo("127.0.0.1");
        }
    }

    @Test
    void nobodyRemovesThemself() {
        String[] admin = person(Role.ADMIN);
        Client c = new Client();
        c.signIn(admin[0], PASSWORD);
        String page = c.get("/portal/settings/users").body();
        Matcher me = Pattern.compile("<td>Person <span class=\"muted\">").matcher(page);
        assertThat(me.find()).isTrue();
        String myId =
                node
                        .bean(UserAdministration.class)
                        .list(
                                node.bean(Tenants.class)
                                        .findByPublicId(new SystemScope("test"), admin[1])
                                        .orElseThrow()
                                        .id(),
                                null,
                                50)
                        .users()
                        .stream()
                        .filter(u -> u.email().equals(admin[0]))
                        .findFirst()
                        .orElseThrow()
                        .publicId();
        HttpResponse<String> remove =
                c.post(
                        "/portal/settings/users/" + myId + "/remove",
                        Map.of("_csrf", c.csrfOf("/portal/settings/users")));
        assertThat(remove.body()).contains("role=\"alert\"");
        assertThat(c.get("/portal/settings/api-keys").statusCode())
                .as("still signed in, still an admin")
                .isEqualTo(200);
    }

    @Test
    void turningOffTheSecondFactorNeedsThePassword() {
        String[] me = person(Role.OWNER);
        Client c = new Client();
        c.signIn(me[0], PASSWORD);
        HttpResponse<String> r =
                c.post(
                        "/portal/account/totp/disable",
                        Map.of(
                                "_csrf",
                                c.csrfOf("/portal/account"),
                                "password",
                                "not my password"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body())
                .as("its own sentence, not the sign-in one")
                .contains("That password is not correct.")
                .doesNotContain("e-mail");
    }

    @Test
    void aWrongCurrentPasswordIsSaidSoNotAnsweredWithTheSignInSentence() {
        String[] me = person(Role.OWNER);
        Client c = new Client();
        c.signIn(me[0], PASSWORD);
        String newPassword = "another long private passphrase 8";
        Map<String, String> form =
                Map.of(
                        "_csrf",
                        c.csrfOf("/portal/account/password"),
                        "current",
                        "not my password",
                        "next",
                        newPassword,
                        "repeat",
                        newPassword);
        HttpResponse<String> english = c.post("/portal/account/password", form);
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body())
                .contains("The current password is not correct.")
                .doesNotContain("e-mail");
        HttpResponse<String> spanish =
                c.post("/portal/account/password", form, Map.of("Accept-Language", "es"));
        assertThat(spanish.body())
                .contains("La contraseña actual no es correcta.")
                .doesNotContain("correo");
    }

    @Test
    void anUnknownPortalUrlIsThePortalsOwnPageInTheReadersLanguage() {
        String[] me = person(Role.VIEWER);
        Client c = new Client();
        c.signIn(me[0], PASSWORD);
        HttpResponse<String> english = c.get("/portal/no-such-page");
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(english.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'");
        assertThat(english.body())
                .contains(
                        "There is no such page or item here.", "<html lang=\"en\">", "/portal/home")
                .doesNotContain("\"code\"", "not_found");

        HttpResponse<String> spanish =
                c.get("/portal/settings/nothing", Map.of("Accept-Language", "es-MX,es;q=0.9"));
        assertThat(spanish.statusCode()).isEqualTo(404);
        assertThat(spanish.body())
                .contains("Aquí no existe esa página ni ese elemento.", "<html lang=\"es\">");

        HttpResponse<String> byCookie =
                c.get("/portal/x/y/z", Map.of("Cookie", Languages.COOKIE + "=es"));
        assertThat(byCookie.statusCode()).isEqualTo(404);
        assertThat(byCookie.body()).contains("Algo salió mal");
    }

    @Test
    void aMethodAPageDoesNotTakeIsAPageWithAllow() {
        String[] me = person(Role.VIEWER);
        Client c = new Client();
        c.signIn(me[0], PASSWORD);
        HttpResponse<String> r =
                c.post("/portal/home", Map.of("_csrf", c.csrfOf("/portal/account")));
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow").orElse("")).contains("GET");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("This page does not take that kind of request.");
    }

    @Test
    void theApiBesideThePortalKeepsProblemJson() {
        HttpResponse<String> r = new Client().get("/v1/no-such-route");
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
    }

    @Test
    void pagesNeedASignedInPerson() {
        HttpResponse<String> r = new Client().get("/portal/home");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(location(r)).isEqualTo("/portal/sign-in");
    }

    @Test
    void aFormWithoutTheRightCsrfTokenIsRefusedAndChangesNothing() {
        String[] me = person(Role.OWNER);
        Client c = new Client();
        assertThat(c.signIn(me[0], PASSWORD).statusCode()).isEqualTo(302);

        assertThat(
                        c.post(
                                        "/portal/settings/api-keys",
                                        Map.of("name", "no token", "scope", "apps:read"))
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        c.post(
                                        "/portal/settings/api-keys",
                                        Map.of(
                                                "_csrf",
                                                "forged-token-value",
                                                "name",
                                                "forged",
                                                "scope",
                                                "apps:read"))
                                .statusCode())
                .isEqualTo(403);
        assertThat(c.get("/portal/settings/api-keys").body()).doesNotContain("no token", "forged");

        Client anonymous = new Client();
        anonymous.get("/portal/sign-in");
        assertThat(
                        anonymous
                                .post(
                                        "/portal/sign-in",
                                        Map.of("email", me[0], "password", PASSWORD))
                                .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aFormFromAnotherSiteIsRefusedEvenWithTheRightCsrfToken() {
        String[] me = person(Role.OWNER);
        Client c = new Client();
        c.signIn(me[0], PASSWORD);
        List<Map<String, String>> foreign =
                List.of(
                        Map.of("Sec-Fetch-Site", "cross-site"),
                        Map.of("Sec-Fetch-Site", "same-site"),
                        Map.of("Origin", "https://evil.example"),
                        Map.of("Sec-Fetch-Site", "cross-site", "Origin", "null"),
                        Map.of("Origin", base.replace("127.0.0.1", "localhost")),
                        Map.of("Sec-Fetch-Site", "same-origin", "Origin", "https://evil.example"),
                        Map.of("Sec-Fetch-Site", "cross-site", "Origin", base));
        int n = 0;
        for (Map<String, String> headers : foreign) {
            String name = "foreign-" + n++;
            HttpResponse<String> r =
                    c.post(
                            "/portal/settings/api-keys",
                            Map.of(
                                    "_csrf",
                                    c.csrfOf("/portal/settings/api-keys"),
                                    "name",
                                    name,
                                    "scope",
                                    "apps:read"),
                            headers);
            assertThat(r.statusCode()).as(headers.toString()).isEqualTo(403);
        }
        assertThat(c.get("/portal/settings/api-keys").body()).doesNotContain("foreign-");

        Client anonymous = new Client();
        HttpResponse<String> signIn =
                anonymous.post(
                        "/portal/sign-in",
                        Map.of(
                                "_csrf",
                                anonymous.csrfOf("/portal/sign-in"),
                                "email",
                                me[0],
                                "password",
                                PASSWORD),
                        Map.of("Sec-Fetch-Site", "cross-site"));
        assertThat(signIn.statusCode()).as("login CSRF").isEqualTo(403);
        assertThat(anonymous.cookie("gh_session")).isNull();
    }

    @Test
    void sameOriginFormsAndFormsWithoutFetchHeadersAreJudgedByTheToken() {
        String[] me = person(Role.OWNER);
        Client c = new Client();
        c.signIn(me[0], PASSWORD);
        Map<String, String> sameOrigin = Map.of("Sec-Fetch-Site", "same-origin", "Origin", base);
        List<Map<String, String>> accepted =
                List.of(
                        sameOrigin,
                        Map.of("Sec-Fetch-Site", "none"),
                        Map.of("Origin", base.toUpperCase(java.util.Locale.ROOT)),
                        // What Chromium sends for our own forms under Referrer-Policy: no-referrer.
                        Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null"),
                        Map.of());
        int n = 0;
        for (Map<String, String> headers : accepted) {
            String name = "accepted-" + n++;
            HttpResponse<String> r =
                    c.post(
                            "/portal/settings/api-keys",
                            Map.of(
                                    "_csrf",
                                    c.csrfOf("/portal/settings/api-keys"),
                                    "name",
                                    name,
                                    "scope",
                                    "apps:read"),
                            headers);
            assertThat(r.statusCode()).as(headers.toString()).isEqualTo(200);
        }
        assertThat(c.get("/portal/settings/api-keys").body())
                .contains("accepted-0", "accepted-1", "accepted-2", "accepted-3", "accepted-4");
        assertThat(
                        c.post(
                                        "/portal/settings/api-keys",
                                        Map.of(
                                                "_csrf",
                                                "forged-token-value",
                                                "name",
                                                "forged-same-origin",
                                                "scope",
                                                "apps:read"),
                                        sameOrigin)
                                .statusCode())
                .as("a same-origin request still needs the token")
                .isEqualTo(403);
    }

    @Test
    void signInIssuesANewSessionAndCookieFlags() {
        String[] me = person(Role.OWNER);
        Client c = new Client();
        c.cookies.getCookieStore().add(URI.create(base), planted());
        HttpResponse<String> r = c.signIn(me[0], PASSWORD);
        String setCookie =
                r.headers().allValues("Set-Cookie").stream()
                        .filter(s -> s.startsWith("gh_session="))
                        .findFirst()
                        .orElseThrow();
        assertThat(setCookie)
                .contains("HttpOnly", "SameSite=Lax", "Path=/portal")
                .doesNotContain("Secure");
        assertThat(setCookie)
                .doesNotContain("planted-by-an-attacker")
                .matches("gh_session=[A-Za-z0-9_-]{43};.*");
        assertThat(c.get("/portal/home").statusCode()).isEqualTo(200);
    }

    private static HttpCookie planted() {
        HttpCookie cookie =
                new HttpCookie("gh_session", "planted-by-an-attacker-0000000000000000000000");
        cookie.setPath("/portal");
        return cookie;
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfThePerson() {
        String[] me = person(Role.OWNER);
        Client laptop = new Client();
        Client phone = new Client();
        laptop.signIn(me[0], PASSWORD);
        phone.signIn(me[0], PASSWORD);
        assertThat(phone.get("/portal/home").statusCode()).isEqualTo(200);

        laptop.post(
                "/portal/sign-out-everywhere", Map.of("_csrf", laptop.csrfOf("/portal/account")));

        assertThat(phone.get("/portal/home").statusCode()).isEqualTo(302);
        assertThat(laptop.get("/portal/home").statusCode()).isEqualTo(302);
    }

    @Test
    void repeatedFailuresOnOneAccountAreThrottled() {
        String[] me = person(Role.OWNER);
        Client c = new Client();
        int last = 0;
        for (int i = 0; i < 7 && last != 429; i++) {
            last = c.signIn(me[0], "wrong password number " + i).statusCode();
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void unknownAndKnownAccountsGetTheSameAnswer() {
        String[] me = person(Role.OWNER);
        String known = new Client().signIn(me[0], "a wrong password here").body();
        String unknown =
                new Client()
                        .signIn(
                                "nobody-" + System.nanoTime() + "@example.com",
                                "a wrong password here")
                        .body();
        assertThat(alert(known)).isEqualTo(alert(unknown)).isNotBlank();
    }

    private static String alert(String html) {
        Matcher m = Pattern.compile("role=\"alert\">([^<]*)<").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void theKeyListIsPaginated() {
        String[] me = person(Role.OWNER);
        for (int i = 0; i < 26; i++) {
            assertThat(
                            node.http()
                                    .post(
                                            "/v1/api-keys",
                                            me[2],
                                            dev.gatehouse.testing.Http.json(
                                                    "name",
                                                    "k" + i,
                                                    "scopes",
                                                    List.of("apps:read")))
                                    .status())
                    .isEqualTo(201);
        }
        Client c = new Client();
        c.signIn(me[0], PASSWORD);
        String first = c.get("/portal/settings/api-keys").body();
        Matcher next =
                Pattern.compile("href=\"(/portal/settings/api-keys\\?after=key_[0-9a-z]{26})\"")
                        .matcher(first);
        assertThat(next.find()).isTrue();
        assertThat(first.split("<tr>", -1).length - 2).isEqualTo(ApiKeyPages.PAGE);
        String second = c.get(next.group(1)).body();
        assertThat(second.split("<tr>", -1).length - 2).isEqualTo(27 - ApiKeyPages.PAGE);
        assertThat(second).doesNotContain("?after=");
    }

    @Test
    void aViewerCannotManageKeysOrUsers() {
        String[] viewer = person(Role.VIEWER);
        Client c = new Client();
        c.signIn(viewer[0], PASSWORD);
        assertThat(c.get("/portal/settings/api-keys").statusCode()).isEqualTo(403);
        String users = c.get("/portal/settings/users").body();
        assertThat(users).doesNotContain("action=\"/portal/settings/users\"");
        HttpResponse<String> invite =
                c.post(
                        "/portal/settings/users",
                        Map.of(
                                "_csrf",
                                c.csrfOf("/portal/settings/users"),
                                "email",
                                "x-" + System.nanoTime() + "@example.com",
                                "displayName",
                                "X",
                                "role",
                                "owner"));
        assertThat(invite.body()).doesNotContain("one-time-password");
    }

    @Test
    void anAdminCannotGrantOwner() {
        String[] admin = person(Role.ADMIN);
        Client c = new Client();
        c.signIn(admin[0], PASSWORD);
        HttpResponse<String> r =
                c.post(
                        "/portal/settings/users",
                        Map.of(
                                "_csrf",
                                c.csrfOf("/portal/settings/users"),
                                "email",
                                "new-" + System.nanoTime() + "@example.com",
                                "displayName",
                                "New",
                                "role",
                                "owner"));
        assertThat(r.body()).contains("role=\"alert\"").doesNotContain("one-time-password");
        assertThat(List.of(r.statusCode())).containsAnyOf(200);
    }
}
