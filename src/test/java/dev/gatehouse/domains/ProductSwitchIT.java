package dev.gatehouse.domains;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * {@code GATEHOUSE_DOMAINS_ENABLED=false}: Connect Domain's routes, ask and workers are gone; the
 * kernel is not.
 */
class ProductSwitchIT {

    @Test
    void aSwitchedOffProductAnswers404EverywhereAndAsksAreDenied() {
        try (TestNode node = TestNode.start(Map.of("GATEHOUSE_DOMAINS_ENABLED", "false"))) {
            String key = node.bootstrapAdminKey();
            assertProblem(node.http().get("/v1/applications", key), 404, "not_found");
            assertProblem(
                    node.http()
                            .post(
                                    "/v1/applications",
                                    key,
                                    DomainsFixture.application("x", "e.example.net")),
                    404,
                    "not_found");
            assertProblem(node.http().get("/v1/usage", null), 404, "not_found");
            assertProblem(node.http().get("/widget/v1/connect.js", null), 404, "not_found");
            assertThat(
                            node.management()
                                    .get("/internal/ask?domain=shop.example.com", null)
                                    .status())
                    .isEqualTo(404);
            assertThat(node.http().get("/v1/whoami", key).status()).isEqualTo(200);
            assertThat(node.management().get("/healthz", null).status()).isEqualTo(200);
        }
    }
}
