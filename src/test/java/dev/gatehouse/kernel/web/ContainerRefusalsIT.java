package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.RawHttp;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * Requests Tomcat refuses before any filter or servlet runs are answered as problem+json with a ref
 * and the security headers, on both listeners, never as Tomcat's HTML "HTTP Status 400" page. Sent
 * over a raw socket: {@code java.net.http} refuses to send most of them.
 */
class ContainerRefusalsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static TestNode node;
    static int publicPort;
    static int managementPort;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        publicPort = Integer.parseInt(node.env().get("SERVER_PORT"));
        managementPort = Integer.parseInt(node.env().get("MANAGEMENT_PORT"));
    }

    private static RawHttp.Response get(int port, String path) {
        return RawHttp.send(port, "GET", path, Map.of("Host", "localhost"), null);
    }

    /** A 400 problem with a fresh ref, the security headers and no trace of Tomcat's page. */
    private static void assertRefused(RawHttp.Response r, String what) {
        assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(r.body()).as(what).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("code").asString()).as(what).isEqualTo("invalid_request");
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(400);
        assertThat(problem.get("type").asString())
                .isEqualTo("https://gatehouse.dev/problems/invalid-request");
        assertThat(problem.get("detail").asString()).as(what).contains("malformed");
        assertThat(problem.get("ref").asString())
                .as(what)
                .matches("req_[0-9A-Z]{26}")
                .isEqualTo(r.header("X-Request-Id"));
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(r.header("Cache-Control")).as(what).isEqualTo("no-store");
    }

    @Test
    void anEncodedSlashInThePathIsAProblemOnBothListeners() {
        assertRefused(get(publicPort, "/v1/x%2Fy"), "public %2F");
        assertRefused(get(managementPort, "/healthz%2Fx"), "management %2F");
    }

    @Test
    void anEncodedNulInThePathIsAProblemOnBothListeners() {
        assertRefused(get(publicPort, "/v1/x%00y"), "public %00");
        assertRefused(get(managementPort, "/healthz%00"), "management %00");
    }

    @Test
    void aBackslashInThePathIsAProblemOnBothListeners() {
        assertRefused(get(publicPort, "/v1/x\\y"), "public backslash");
        assertRefused(get(managementPort, "/x\\y"), "management backslash");
    }

    @Test
    void anInvalidPercentEncodingIsAProblemOnBothListeners() {
        assertRefused(get(publicPort, "/v1/%zz"), "public %zz");
        assertRefused(get(managementPort, "/%zz"), "management %zz");
    }

    @Test
    void aCharacterNotAllowedInTheRequestLineIsAProblem() {
        for (int port : List.of(publicPort, managementPort)) {
            assertRefused(get(port, "/v1/<script>"), "< in the target on " + port);
            assertRefused(get(port, "/v1/x|y"), "| in the target on " + port);
        }
    }

    @Test
    void aPathThatClimbsAboveTheRootIsAProblem() {
        assertRefused(get(publicPort, "/../etc/passwd"), "public ..");
        assertRefused(get(managementPort, "/../etc/passwd"), "management ..");
    }

    @Test
    void eachRefusalGetsItsOwnRef() {
        String first = get(publicPort, "/v1/x%2Fy").header("X-Request-Id");
        String second = get(publicPort, "/v1/x%2Fy").header("X-Request-Id");
        assertThat(first).isNotEqualTo(second);
    }
}
