package dev.gatehouse.domains.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.testing.CaddyServer;
import dev.gatehouse.testing.TestNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Caddy with on-demand TLS asks Gatehouse before it issues: a live hostname gets a
 * certificate from Caddy's internal CA and reaches the origin, any other hostname's handshake
 * fails. Caddy reads only the status of the answer; it routes by its own configuration (here one
 * {@code reverse_proxy} to the application's origin), so the {@code origin} field serves proxies
 * that can read it.
 */
class CaddyAskIT {

    static TestNode node;
    static HttpServer origin;
    static CaddyServer caddy;
    static LiveHostFixture fixture;
    static LiveHostFixture.Tenant tenant;
    static long application;

    @BeforeAll
    static void start() throws IOException {
        node = TestNode.shared();
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext(
                "/",
                exchange -> {
                    byte[] body =
                            ("hello from origin for "
                                            + exchange.getRequestHeaders().getFirst("Host"))
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        origin.start();
        int originPort = origin.getAddress().getPort();
        fixture = new LiveHostFixture(node);
        tenant = fixture.tenant();
        application = fixture.application(tenant, "http://127.0.0.1:" + originPort);
        caddy =
                CaddyServer.start(
                        "http://127.0.0.1:" + node.env().get("MANAGEMENT_PORT") + "/internal/ask",
                        originPort);
    }

    @AfterAll
    static void stop() {
        if (caddy != null) {
            caddy.close();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }

    @Test
    void liveHostnameGetsACertificateFromCaddysCaAndReachesTheOrigin()
            throws IOException, CertificateParsingException {
        String host = fixture.connection(tenant, application, "live");

        CaddyServer.Exchange exchange = caddy.get(host, "/");

        assertThat(dnsNames(exchange)).as(caddy.log()).containsExactly(host);
        assertThat(exchange.response())
                .startsWith("HTTP/1.1 200")
                .contains("hello from origin for " + host);
    }

    @Test
    void hostnameThatIsNotLiveFailsTheHandshakeBecauseAskDenied() {
        String pending = fixture.connection(tenant, application, "pending");
        double denied = count("deny");

        assertThatThrownBy(() -> caddy.get(pending, "/")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> caddy.get("unknown-" + pending, "/"))
                .isInstanceOf(IOException.class);

        assertThat(count("deny") - denied)
                .as("Caddy asked and was refused")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void removedHostnameIsRefusedANewCertificate() throws IOException {
        String host = fixture.connection(tenant, application, "live");
        fixture.setStatus(tenant, host, "removed");

        assertThatThrownBy(() -> caddy.get(host, "/")).isInstanceOf(IOException.class);
    }

    private static List<String> dnsNames(CaddyServer.Exchange exchange)
            throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        var sans = exchange.certificate().getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    names.add((String) san.get(1));
                }
            }
        }
        return names;
    }

    private static double count(String result) {
        return node.bean(MeterRegistry.class)
                .get("gatehouse.domains.ask")
                .tag("result", result)
                .counter()
                .count();
    }
}
