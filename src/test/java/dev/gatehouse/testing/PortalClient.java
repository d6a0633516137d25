package dev.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like client for portal tests: keeps cookies, does not follow redirects, posts forms,
 * and comes from an address of its own (through {@code X-Forwarded-For}, so per-IP sign-in
 * throttling of one test never reaches another).
 */
public class PortalClient {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
    private final String address;

    /**
     * @param base the node's public URL, such as {@code http://127.0.0.1:8080}
     */
    public PortalClient(String base) {
        this.base = base;
        int n = CLIENTS.incrementAndGet();
        this.address = "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    public HttpResponse<String> get(String path) {
        return get(path, "en");
    }

    /** GETs {@code path}, or an absolute URL as a redirect names it. */
    public HttpResponse<String> get(String path, String language) {
        URI uri = URI.create(path.startsWith("http") ? path : base + path);
        return send(
                HttpRequest.newBuilder(uri)
                        .header("X-Forwarded-For", address)
                        .header("Accept-Language", language)
                        .GET()
                        .build());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, form, "en");
    }

    public HttpResponse<String> post(String path, Map<String, String> form, String language) {
        String body =
                form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("X-Forwarded-For", address)
                        .header("Accept-Language", language)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** The CSRF token of the form on {@code path}. */
    public String csrfOf(String path) {
        return group(get(path).body(), "name=\"_csrf\" value=\"([^\"]+)\"");
    }

    public HttpResponse<String> signIn(String email, String password) {
        return post(
                "/portal/sign-in",
                Map.of("_csrf", csrfOf("/portal/sign-in"), "email", email, "password", password));
    }

    /**
     * Signs in with a one-time password and replaces it with {@code newPassword}, as every new
     * person's first sign-in must; fails the test unless both steps succeed.
     */
    public PortalClient signInFirstTime(String email, String oneTimePassword, String newPassword) {
        HttpResponse<String> signedIn = signIn(email, oneTimePassword);
        assertThat(signedIn.headers().firstValue("Location").orElse(""))
                .as("sign-in sends a one-time password to the password change")
                .endsWith("/portal/account/password");
        HttpResponse<String> changed =
                post(
                        "/portal/account/password",
                        Map.of(
                                "_csrf",
                                csrfOf("/portal/account/password"),
                                "current",
                                oneTimePassword,
                                "next",
                                newPassword,
                                "repeat",
                                newPassword));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
        return this;
    }

    /** The first group of {@code regex} in {@code text}; fails the test when it is not there. */
    public static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
