package dev.gatehouse.gateway;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PortalClient;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** {@code GATEHOUSE_GATEWAY_ENABLED=false}: every ERP Access route is gone; the rest is not. */
class GatewaySwitchIT {

    @Test
    void aSwitchedOffGatewayAnswers404OnItsAdministrationTokenAndRelayRoutes() {
        try (TestNode node = TestNode.start(Map.of("GATEHOUSE_GATEWAY_ENABLED", "false"))) {
            String key = node.bootstrapAdminKey();
            Http http = node.http();
            assertProblem(http.get("/v1/gateway/accounts", key), 404, "not_found");
            assertProblem(
                    http.post("/v1/gateway/accounts", key, Http.json("name", "Partner")),
                    404,
                    "not_found");
            assertProblem(
                    http.send("POST", "/gateway/v1/token", null, null, Map.of()), 404, "not_found");
            assertProblem(
                    http.send(
                            "GET",
                            "/gateway/v1/erp/customers/1",
                            null,
                            null,
                            Map.of("Authorization", "Bearer gwt_x")),
                    404,
                    "not_found");
            assertThat(http.get("/v1/applications", key).status()).isEqualTo(200);
            assertThat(node.management().get("/healthz", null).status()).isEqualTo(200);

            PortalClient portal = new PortalClient(node.env().get("PUBLIC_URL"));
            portal.signInFirstTime(
                    node.terminal().valueAfter("Admin e-mail:"),
                    node.terminal().valueAfter("One-time password:").split("\\s+")[0],
                    "correct horse battery staple 42");
            String home = portal.get("/portal/home").body();
            assertThat(home)
                    .as("the menu shows no switched-off product")
                    .contains("href=\"/portal/domains\"")
                    .doesNotContain("href=\"/portal/gateway\"");
            assertThat(portal.get("/portal/gateway").statusCode()).isEqualTo(404);
        }
    }
}
