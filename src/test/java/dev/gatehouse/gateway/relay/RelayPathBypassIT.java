package dev.gatehouse.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The path bypass corpus through the real relay, over a raw socket so every path arrives exactly as
 * written (no client library normalizes or refuses it first). The tenant's catalog has {@code GET
 * /customers/{id}}, {@code GET /admin/{name}} and {@code GET /customers/{id}/orders}; its one
 * policy grants {@code GET /customers/*}. For every path of the known tricks and of a seeded
 * generator: an answer in 2xx means the upstream received one request, for {@code
 * /erp/customers/<one segment>} whose decoded segment is neither empty, {@code .}, {@code ..}, nor
 * holds {@code /}, {@code \} or NUL; any other answer means the upstream received nothing. The
 * known tricks must all be refused, and the plain grant must pass (so the test can fail both ways).
 * Whether Tomcat or the relay refuses a path does not matter here; that nothing refused goes
 * upstream does.
 */
class RelayPathBypassIT {

    private static final long SEED = Long.getLong("gateway.pathSeed", System.nanoTime());
    private static final int GENERATED = Integer.getInteger("gateway.relayPathTries", 400);

    /** Refused, every one: none is the canonical spelling of a granted path. */
    static final List<String> KNOWN_TRICKS =
            List.of(
                    "/customers/../admin/1",
                    "/customers/42/../../admin/1",
                    "/customers/%2e%2e/admin/1",
                    "/customers/%2E%2e/admin/1",
                    "/customers/.%2e/admin/1",
                    "/customers/42%2f..%2fadmin%2f1",
                    "/customers/42%2F..%2Fadmin%2F1",
                    "/customers/42%5c..%5cadmin%5c1",
                    "/customers/42%5C..%5Cadmin",
                    "/customers/42\\..\\admin\\1",
                    "/customers//admin/1",
                    "//customers/42",
                    "/customers/42/",
                    "/customers/42;jsessionid=ABC",
                    "/customers;x=1/42",
                    "/customers/42%3bjsessionid=ABC",
                    "/customers/42%00",
                    "/customers/42%00.json",
                    "/customers/%c0%ae%c0%ae/admin/1",
                    "/customers/42%c0%afadmin",
                    "/customers/%e0%80%ae%e0%80%ae/admin",
                    "/customers/%ff",
                    "/customers/./42",
                    "/customers/%2e/42",
                    "/./customers/42",
                    "/customers/42/.",
                    "/customers/42/..",
                    "/customers/42/%2e%2e",
                    "/Customers/42",
                    "/CUSTOMERS/42",
                    "/admin/1",
                    "/customers/42/orders",
                    "/customers/42%0a",
                    "/customers/42%09",
                    "/customers/%2",
                    "/customers/%zz",
                    "/customers",
                    "/customers/",
                    "");

    /** Tricks around a granted path that must reach exactly it, or be refused; never more. */
    static final List<String> EDGES =
            List.of(
                    "/customers/42?next=/../admin/1",
                    "/customers/42?%2e%2e/admin",
                    "/customers/4%32",
                    "/%63ustomers/42",
                    "/customers/%34%32",
                    "/customers/%4a%4A",
                    "/customers/%252e%252e",
                    "/customers/42%20",
                    "/customers/a.b",
                    "/customers/...",
                    "/customers/~u",
                    "/customers/42#/../admin/1");

    static final String[] FRAGMENTS = {
        "customers",
        "admin",
        "orders",
        "42",
        "a",
        ".",
        "..",
        "%2e",
        "%2E",
        "%2e%2e",
        "%2f",
        "%2F",
        "%5c",
        "\\",
        "%00",
        ";",
        ";x=1",
        "%3b",
        "%c0%ae",
        "%c0%af",
        "%e0%80%ae",
        "%25",
        "%252e",
        "%41",
        "~",
        "?",
        "?x=/../admin",
        "#",
        "%0a",
        " ",
        "//",
        "/",
        "/",
        "/",
    };

    static final Pattern GRANTED_UPSTREAM = Pattern.compile("/erp/customers/[^/]+");

    static TestNode node;
    static FakeUpstream erp;
    static String token;
    static String apiKey;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        erp = FakeUpstream.start();
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        AccessFixture.Relaying relaying =
                AccessFixture.relaying(
                        node,
                        tenant.adminKey(),
                        erp.url("/erp"),
                        List.of("/customers/{id}", "/admin/{name}", "/customers/{id}/orders"),
                        "/customers/*",
                        Map.of("rate_limit_per_minute", 100_000));
        token = relaying.token();
        apiKey = relaying.credential().xApiKey();
    }

    @AfterAll
    static void stop() {
        erp.close();
    }

    @Test
    void thePlainGrantPasses() {
        erp.clear();
        assertThat(send("/customers/42")).isEqualTo(200);
        assertThat(erp.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/erp/customers/42"));
    }

    @Test
    void everyKnownTrickIsRefusedAndNothingReachesTheUpstream() {
        for (String path : KNOWN_TRICKS) {
            erp.clear();
            int status = send(path);
            assertThat(status / 100).as("%s answered %d", path, status).isNotEqualTo(2);
            assertThat(erp.requests()).as("%s reached the upstream", path).isEmpty();
        }
    }

    @Test
    void edgesReachOnlyTheGrantedEndpointOrNothing() {
        for (String path : EDGES) {
            assertOnlyGrantedOrNothing(path, "edge");
        }
    }

    @Test
    void generatedPathsReachOnlyTheGrantedEndpointOrNothing() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < GENERATED; i++) {
            StringBuilder path = new StringBuilder("/");
            int parts = 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                path.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            assertOnlyGrantedOrNothing(path.toString(), "seed " + SEED + " (-Dgateway.pathSeed)");
        }
    }

    private static void assertOnlyGrantedOrNothing(String path, String context) {
        erp.clear();
        int status = send(path);
        List<FakeUpstream.Recorded> got = erp.requests();
        if (status >= 200 && status < 300) {
            assertThat(got).as("%s [%s] answered %d", path, context, status).hasSize(1);
            String upstreamPath = got.getFirst().path();
            assertThat(upstreamPath).as("%s [%s]", path, context).matches(GRANTED_UPSTREAM);
            String segment =
                    URLDecoder.decode(
                            upstreamPath.substring("/erp/customers/".length()).replace("+", "%2B"),
                            StandardCharsets.UTF_8);
            assertThat(segment)
                    .as("%s [%s] went upstream as %s", path, context, upstreamPath)
                    .isNotIn("", ".", "..")
                    .doesNotContain("/", "\\", "\0");
        } else {
            assertThat(got)
                    .as(
                            "%s [%s] was refused with %d but reached the upstream",
                            path, context, status)
                    .isEmpty();
        }
    }

    /** Sends {@code GET /gateway/v1/erp<path>} as raw bytes; the status code, or -1 if cut off. */
    static int send(String path) {
        String port = node.env().get("SERVER_PORT");
        String request =
                "GET /gateway/v1/erp"
                        + path
                        + " HTTP/1.1\r\nHost: 127.0.0.1:"
                        + port
                        + "\r\nAuthorization: Bearer "
                        + token
                        + "\r\nx-api-key: "
                        + apiKey
                        + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = firstLine(socket.getInputStream());
            String[] parts = statusLine.split(" ");
            return parts.length >= 2 && parts[1].matches("\\d{3}")
                    ? Integer.parseInt(parts[1])
                    : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
