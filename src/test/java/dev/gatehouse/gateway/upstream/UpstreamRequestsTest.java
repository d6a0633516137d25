package dev.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.GatewaySettings;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

class UpstreamRequestsTest {

    private static final UpstreamRequests.Resolver PRIVATE_NAME =
            host -> {
                if (host.equals("erp.internal.example")) {
                    return new InetAddress[] {InetAddress.getByName("10.1.2.3")};
                }
                if (host.equals("erp.example.com")) {
                    return new InetAddress[] {InetAddress.getByName("93.184.216.34")};
                }
                throw new UnknownHostException(host);
            };

    private static UpstreamRequests requests(boolean production, boolean allowPrivate) {
        return new UpstreamRequests(
                new GatewaySettings(600, Duration.ofHours(1), allowPrivate, 16L << 20, 64L << 20),
                production,
                PRIVATE_NAME);
    }

    private static UpstreamRequests.UpstreamBody body(String url, UpstreamRequests.AuthBody auth) {
        return new UpstreamRequests.UpstreamBody(url, auth, null, null, null);
    }

    private static UpstreamRequests.AuthBody none() {
        return new UpstreamRequests.AuthBody(
                "none", null, null, null, null, null, null, null, null, null, null, null);
    }

    private static UpstreamRequests.AuthBody header(String name, String value) {
        return new UpstreamRequests.AuthBody(
                "header", null, null, name, value, null, null, null, null, null, null, null);
    }

    private static List<String> fields(UpstreamRequests.Checked c) {
        return ((UpstreamRequests.Invalid) c).errors().stream().map(FieldMessage::field).toList();
    }

    @Test
    void productionRequiresHttps() {
        var c = requests(true, true).check(body("http://erp.example.com", none()), null, List.of());
        assertThat(fields(c)).containsExactly("base_url");
        var ok =
                requests(true, true)
                        .check(body("https://erp.example.com/api/", none()), null, List.of());
        assertThat(((UpstreamRequests.Valid) ok).baseUrl())
                .isEqualTo("https://erp.example.com/api");
    }

    @Test
    void developmentAllowsHttp() {
        var c =
                requests(false, true)
                        .check(body("http://erp.example.com", none()), null, List.of());
        assertThat(c).isInstanceOf(UpstreamRequests.Valid.class);
    }

    @Test
    void privateTargetsAreRefusedWhenNotAllowedByLiteralNameAndResolution() {
        for (String url :
                List.of(
                        "https://127.0.0.1/api",
                        "https://localhost/api",
                        "https://[::1]/api",
                        "https://169.254.169.254/latest",
                        "https://erp.internal.example/api")) {
            var c = requests(true, false).check(body(url, none()), null, List.of());
            assertThat(fields(c)).as(url).containsExactly("base_url");
        }
        var ok =
                requests(true, false)
                        .check(body("https://erp.example.com", none()), null, List.of());
        assertThat(ok).isInstanceOf(UpstreamRequests.Valid.class);
    }

    @Test
    void privateTargetsAreAcceptedWhenAllowed() {
        var ok =
                requests(true, true)
                        .check(body("https://10.0.0.5:50000/b1s/v1", none()), null, List.of());
        assertThat(ok).isInstanceOf(UpstreamRequests.Valid.class);
    }

    @Test
    void headerNamesTheGatewaySetsOrStripsAreRefused() {
        for (String name :
                List.of(
                        "Host",
                        "Content-Length",
                        "X-Forwarded-For",
                        "Proxy-Authorization",
                        "Bad Name")) {
            var c =
                    requests(false, true)
                            .check(
                                    body("https://erp.example.com", header(name, "v")),
                                    null,
                                    List.of());
            assertThat(fields(c)).as(name).containsExactly("auth.name");
        }
    }

    @Test
    void aHeaderValueWithALineBreakIsRefusedWithoutEchoingIt() {
        var c =
                requests(false, true)
                        .check(
                                body("https://erp.example.com", header("X-Key", "v\r\nX-Evil: 1")),
                                null,
                                List.of());
        assertThat(fields(c)).contains("auth.value");
        assertThat(((UpstreamRequests.Invalid) c).errors().toString()).doesNotContain("X-Evil");
    }

    @Test
    void aStoredSecretOfTheSameTypeMayBeOmittedButNotOfAnother() {
        var kept =
                requests(false, true)
                        .check(
                                body("https://erp.example.com", header("X-Key", null)),
                                "header",
                                List.of("value"));
        assertThat(kept).isInstanceOf(UpstreamRequests.Valid.class);
        var other =
                requests(false, true)
                        .check(
                                body("https://erp.example.com", header("X-Key", null)),
                                "basic",
                                List.of("password"));
        assertThat(fields(other)).containsExactly("auth.value");
    }

    @Test
    void aTemplateUsingTheApiKeyNeedsOne() {
        var auth =
                new UpstreamRequests.AuthBody(
                        "session",
                        "u",
                        "pw",
                        null,
                        null,
                        "/login",
                        "{\"k\":\"{api_key}\"}",
                        null,
                        "/token",
                        "Authorization",
                        "Bearer ",
                        600);
        var c = requests(false, true).check(body("https://erp.example.com", auth), null, List.of());
        assertThat(fields(c)).containsExactly("auth.body_template");
    }

    @Test
    void aPathThatClimbsOutIsRefusedByTheRelay() {
        assertThat(UpstreamRelay.requestTarget("/api", "/orders/1", "a=1"))
                .isEqualTo("/api/orders/1?a=1");
        for (String path :
                List.of(
                        "/a/../b",
                        "/a/./b",
                        "//evil.example/x",
                        "/a\\b",
                        "/a b",
                        "/a#b",
                        "/a?b",
                        "x")) {
            assertThat(UpstreamRelay.requestTarget("/api", path, null)).as(path).isNull();
        }
        assertThat(UpstreamRelay.requestTarget("/api", "/a", "x=1#frag")).isNull();
    }
}
