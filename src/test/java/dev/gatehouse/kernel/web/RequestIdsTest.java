package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestClock;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;

class RequestIdsTest {

    private final TestClock clock = TestClock.standard();
    private final RequestIds ids = new RequestIds(clock, new SecureRandom());

    @Test
    void generatedIdsArePrefixedAndTwentySixCharactersOfCrockfordBase32() {
        assertThat(ids.next()).matches("req_[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void generatedIdsSortByTime() {
        String first = ids.next();
        clock.advance(Duration.ofMillis(1));
        String second = ids.next();
        assertThat(second).isGreaterThan(first);
        assertThat(ids.next()).isNotEqualTo(second);
    }

    @Test
    void generatedIdsAreThemselvesAcceptableInbound() {
        assertThat(RequestIds.isAcceptable(ids.next())).isTrue();
    }

    @Test
    void inboundIdsOutsideThePatternAreRejected() {
        assertThat(RequestIds.isAcceptable("abc")).isFalse();
        assertThat(RequestIds.isAcceptable("x".repeat(65))).isFalse();
        assertThat(RequestIds.isAcceptable("ok-id-123\nInjected: yes")).isFalse();
        assertThat(RequestIds.isAcceptable("<script>alert</script>")).isFalse();
        assertThat(RequestIds.isAcceptable("trace.id_0123-ABC")).isTrue();
    }
}
