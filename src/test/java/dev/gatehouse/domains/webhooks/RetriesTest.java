package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

class RetriesTest {

    static final Instant CREATED = Instant.parse("2026-11-25T10:00:00Z");
    static final Duration BASE = Duration.ofSeconds(5);
    static final Duration CAP = Duration.ofHours(1);
    static final Duration HORIZON = Duration.ofHours(24);

    /** A generator that always returns the top of the range: the delay is the ceiling. */
    static final RandomGenerator HIGHEST =
            new RandomGenerator() {
                @Override
                public long nextLong() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long nextLong(long bound) {
                    return bound - 1;
                }
            };

    final Retries retries = new Retries(BASE, CAP, HORIZON, HIGHEST);

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void twoHundredsAreDelivered(int status) {
        assertThat(after(status, 1, CREATED)).isEqualTo(new Retries.Verdict.Delivered());
    }

    @Test
    void goneDisablesTheWebhook() {
        assertThat(after(410, 3, CREATED)).isEqualTo(new Retries.Verdict.Disable("gone"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 413, 422, 499})
    void otherClientErrorsGiveUp(int status) {
        assertThat(after(status, 1, CREATED)).isEqualTo(new Retries.Verdict.GiveUp("rejected"));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308, 408, 429, 500, 502, 503, 504, 599, 100})
    void redirectsTimeoutsThrottlingAndServerErrorsAreRetried(int status) {
        assertThat(after(status, 1, CREATED))
                .isEqualTo(new Retries.Verdict.Retry(CREATED.plus(BASE)));
    }

    @Test
    void transportErrorsAreRetriedAndRefusalsAreNot() {
        assertThat(retries.after(new Retries.Outcome.Unsent("timeout", true), 1, CREATED, CREATED))
                .isEqualTo(new Retries.Verdict.Retry(CREATED.plus(BASE)));
        assertThat(
                        retries.after(
                                new Retries.Outcome.Unsent("private_target", false),
                                1,
                                CREATED,
                                CREATED))
                .isEqualTo(new Retries.Verdict.GiveUp("private_target"));
    }

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        assertThat(retries.delay(1)).isEqualTo(Duration.ofMillis(5_000));
        assertThat(retries.delay(2)).isEqualTo(Duration.ofMillis(10_000));
        assertThat(retries.delay(5)).isEqualTo(Duration.ofMillis(80_000));
        assertThat(retries.delay(10)).isEqualTo(Duration.ofMillis(2_560_000));
        assertThat(retries.delay(11)).isEqualTo(CAP);
        assertThat(retries.delay(500)).isEqualTo(CAP);
    }

    @Test
    void fullJitterDrawsFromZeroToTheCeiling() {
        Retries lowest =
                new Retries(
                        BASE,
                        CAP,
                        HORIZON,
                        new RandomGenerator() {
                            @Override
                            public long nextLong() {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public long nextLong(long bound) {
                                return 0;
                            }
                        });
        assertThat(lowest.delay(4)).isEqualTo(Duration.ZERO);
        Retries seeded = new Retries(BASE, CAP, HORIZON, new java.util.SplittableRandom(42));
        for (int i = 0; i < 1000; i++) {
            assertThat(seeded.delay(3)).isBetween(Duration.ZERO, Duration.ofSeconds(20));
        }
    }

    @Test
    void retryAfterIsHonouredUpToTheCap() {
        assertThat(
                        retries.after(
                                new Retries.Outcome.Answered(429, Duration.ofSeconds(120)),
                                1,
                                CREATED,
                                CREATED))
                .isEqualTo(new Retries.Verdict.Retry(CREATED.plusSeconds(120)));
        assertThat(
                        retries.after(
                                new Retries.Outcome.Answered(503, Duration.ofDays(1)),
                                1,
                                CREATED,
                                CREATED))
                .isEqualTo(new Retries.Verdict.Retry(CREATED.plus(CAP)));
        // A shorter Retry-After does not make the backoff shorter.
        assertThat(
                        retries.after(
                                new Retries.Outcome.Answered(429, Duration.ofSeconds(1)),
                                1,
                                CREATED,
                                CREATED))
                .isEqualTo(new Retries.Verdict.Retry(CREATED.plus(BASE)));
    }

    @Test
    void theLastRetryIsPlacedAtTheHorizonAndAFailureThereGivesUp() {
        Instant late = CREATED.plus(HORIZON).minusSeconds(60);
        assertThat(after(500, 30, late))
                .isEqualTo(new Retries.Verdict.Retry(CREATED.plus(HORIZON)));
        assertThat(after(500, 31, CREATED.plus(HORIZON)))
                .isEqualTo(new Retries.Verdict.GiveUp("expired"));
        assertThat(
                        retries.after(
                                new Retries.Outcome.Unsent("timeout", true),
                                31,
                                CREATED,
                                CREATED.plus(HORIZON)))
                .isEqualTo(new Retries.Verdict.GiveUp("expired"));
        // Success still counts at the very end.
        assertThat(after(200, 31, CREATED.plus(HORIZON)))
                .isEqualTo(new Retries.Verdict.Delivered());
    }

    @Test
    void logLinesNameRedirectsAndTransportErrorsButNotOtherAnswers() {
        assertThat(Retries.error(new Retries.Outcome.Answered(302, null)))
                .isEqualTo("redirect_not_followed");
        assertThat(Retries.error(new Retries.Outcome.Answered(500, null))).isNull();
        assertThat(Retries.error(new Retries.Outcome.Unsent("connection_refused", true)))
                .isEqualTo("connection_refused");
    }

    @Test
    void refusesANonsensicalPolicy() {
        assertThatThrownBy(() -> new Retries(Duration.ZERO, CAP, HORIZON, HIGHEST))
                .hasMessageContaining("need 0 < base <= cap");
        assertThatThrownBy(() -> new Retries(CAP.plusSeconds(1), CAP, HORIZON, HIGHEST))
                .hasMessageContaining("need 0 < base <= cap");
    }

    private Retries.Verdict after(int status, int attempt, Instant now) {
        return retries.after(new Retries.Outcome.Answered(status, null), attempt, CREATED, now);
    }
}
