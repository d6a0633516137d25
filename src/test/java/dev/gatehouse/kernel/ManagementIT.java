package dev.gatehouse.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management listener: what {@code /healthz} and {@code /metrics} say, and where they are
 * served.
 */
class ManagementIT {

    /** A public id, key id or tenant id anywhere in the text (not as the tail of a longer word). */
    private static final Pattern PUBLIC_ID =
            Pattern.compile("(?<![A-Za-z0-9_])(ten|key)_[0-9A-Za-z]{6,}");

    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant tenant;
    static String[] reader;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        tenant = Tenancy.newTenant(node);
        reader = Tenancy.newKey(node, tenant, List.of("apps:read"));
    }

    @Test
    void healthzAnswersExactlyStatusUp() {
        Http.Response r = node.management().get("/healthz", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void metricsIsPrometheusTextCountingRefusedRequests() {
        assertThat(http.get("/v1/whoami", "gk_" + "Q".repeat(43)).status()).isEqualTo(401);

        Http.Response r = node.management().get("/metrics", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.body())
                .contains(
                        "# TYPE http_server_requests_seconds",
                        "http_server_requests_seconds_count{")
                .containsPattern(
                        "gatehouse_auth_refused_total\\{[^}]*reason=\"[a-z_]+\"[^}]*} [1-9]");
    }

    @Test
    void metricsNameNoTenantKeyLast4HostOrConcreteId() throws IOException {
        String keyId = reader[0];
        assertThat(http.get("/v1/api-keys/" + keyId, tenant.adminKey()).status()).isEqualTo(200);
        assertThat(http.get("/v1/tenants/" + tenant.id(), node.operatorKey()).status())
                .isEqualTo(200);
        assertThat(
                        http.get("/v1/api-keys/key_00000000000000000000000000", tenant.adminKey())
                                .status())
                .isEqualTo(404);
        String host = "tenant-" + System.nanoTime() + ".customer.example";
        assertThat(rawGet(node.env().get("SERVER_PORT"), host, "/v1/whoami"))
                .startsWith("HTTP/1.1 401");

        String metrics = node.management().get("/metrics", null).body();

        List<String> uris = labels(metrics);
        assertThat(uris).as("uri labels").contains("/v1/api-keys/{id}", "/v1/tenants/{id}");
        assertThat(uris)
                .as("uri labels are templates")
                .allSatisfy(u -> assertThat(u).doesNotContainPattern("(ten|key)_[0-9A-Za-z]{6,}"));
        assertThat(metrics)
                .doesNotContainPattern(PUBLIC_ID)
                .doesNotContain(host)
                .doesNotContain("customer.example");
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<Map<String, Object>> tenants =
                owner.sql("select public_id, name, slug from tenants").query().listOfRows();
        List<Map<String, Object>> keys =
                owner.sql("select public_id, name, last4 from api_keys").query().listOfRows();
        assertThat(tenants).isNotEmpty();
        assertThat(keys).isNotEmpty();
        for (Map<String, Object> t : tenants) {
            assertThat(metrics)
                    .doesNotContain((String) t.get("public_id"))
                    .doesNotContain("\"" + t.get("name") + "\"")
                    .doesNotContain((String) t.get("name"))
                    .doesNotContain("\"" + t.get("slug") + "\"");
        }
        for (Map<String, Object> k : keys) {
            assertThat(metrics)
                    .doesNotContain((String) k.get("public_id"))
                    .doesNotContain("\"" + k.get("last4") + "\"");
        }
    }

    @Test
    void managementEndpointsAreNotServedOnThePublicPort() {
        for (String path :
                List.of(
                        "/healthz",
                        "/metrics",
                        "/actuator",
                        "/actuator/health",
                        "/actuator/prometheus",
                        "/prometheus",
                        "/health")) {
            Http.Response r = http.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(r.json().get("code").asString()).as(path).isEqualTo("not_found");
            assertThat(r.body())
                    .as(path)
                    .doesNotContain("UP")
                    .doesNotContain("http_server_requests");
        }
    }

    @Test
    void managementBindsLoopbackByDefault() throws IOException {
        assertThat(node.env()).doesNotContainKey("MANAGEMENT_ADDRESS");
        assertThat(node.bean(Settings.class).listeners().managementAddress())
                .isEqualTo("127.0.0.1");
        assertThat(node.bean(Environment.class).getProperty("management.server.address"))
                .isEqualTo("127.0.0.1");

        InetAddress outside = nonLoopbackAddress();
        int port = Integer.parseInt(node.env().get("MANAGEMENT_PORT"));
        try (ServerSocket everywhere = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"));
                Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(outside, everywhere.getLocalPort()), 2_000);
            assertThat(probe.isConnected())
                    .as("the probe reaches a listener bound to every address")
                    .isTrue();
        }
        assertThatThrownBy(
                        () -> {
                            try (Socket s = new Socket()) {
                                s.connect(new InetSocketAddress(outside, port), 2_000);
                            }
                        })
                .as("management port on %s", outside)
                .isInstanceOf(ConnectException.class);
        assertThat(node.management().get("/healthz", null).status()).isEqualTo(200);
    }

    private static List<String> labels(String metrics) {
        List<String> out = new ArrayList<>();
        Matcher m = URI_LABEL.matcher(metrics);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A GET with a chosen {@code Host} header, which the JDK client does not allow setting. */
    private static String rawGet(String port, String host, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(port))) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(
                    ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(
                        i -> {
                            try {
                                return i.isUp() && !i.isLoopback();
                            } catch (SocketException e) {
                                return false;
                            }
                        })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("this test needs a non-loopback IPv4 address"));
    }
}
