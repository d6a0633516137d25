package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import org.junit.jupiter.api.Test;

import java.time.Duration;

class LogTextTest {

    @Test
    void aHugeUnbrokenTokenIsElidedQuicklyInsteadOfStallingTheLogger() {
        String blob = "QUJD".repeat(50_000);

        String safe =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(2), () -> LogText.safe("payload " + blob + " end"));

        assertThat(safe).isEqualTo("payload [elided 65528 chars][truncated 134476 chars]");
    }

    @Test
    void runsUpToTheLimitAreKeptAndLongerOnesElided() {
        String atLimit = "a".repeat(LogText.MAX_RUN);
        String over = "b".repeat(LogText.MAX_RUN + 1);

        assertThat(LogText.safe(atLimit + " " + over + " tail"))
                .isEqualTo(atLimit + " [elided 257 chars] tail");
    }

    @Test
    void aLongJwtInsideAMessageNeverSurvives() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiJ4In0".repeat(30) + ".c2lnbmF0dXJl";

        assertThat(LogText.safe("Authorization header was " + jwt + " (rejected)"))
                .doesNotContain("eyJ")
                .startsWith("Authorization header was ")
                .endsWith(" (rejected)");
    }
}
