package dev.gatehouse.erpsync;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.licensing.License;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

import java.util.Map;

/**
 * {@code GATEHOUSE_SYNC_ENABLED=false}: SageConnect's routes answer 404 and its license is never
 * checked; the rest of Gatehouse runs.
 */
class SyncSwitchIT {

    @Test
    void aSwitchedOffSyncAnswers404AndChecksNoLicense() {
        try (TestNode node = TestNode.start(Map.of("GATEHOUSE_SYNC_ENABLED", "false"))) {
            String key = node.bootstrapAdminKey();
            assertProblem(node.http().get("/v1/sync/license", key), 404, "not_found");
            assertThatThrownBy(() -> node.bean(License.class))
                    .isInstanceOf(NoSuchBeanDefinitionException.class);
            assertThat(node.http().get("/v1/whoami", key).status()).isEqualTo(200);
        }
    }
}
