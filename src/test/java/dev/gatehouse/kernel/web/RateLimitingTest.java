package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.testing.TestClock;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;

class RateLimitingTest {

    private final TestClock clock = TestClock.standard();

    @Test
    void localLimiterAllowsCapacityThenLimitsUntilRefill() {
        var limiter = new LocalRateLimiter(clock, 100);
        var limit = RateLimit.perMinute("ip", 3);
        assertThat(limiter.tryConsume("ip:1.2.3.4", limit))
                .isEqualTo(new RateDecision.Allowed(2, 3, 20));
        limiter.tryConsume("ip:1.2.3.4", limit);
        assertThat(limiter.tryConsume("ip:1.2.3.4", limit).remaining()).isZero();
        assertThat(limiter.tryConsume("ip:1.2.3.4", limit))
                .isEqualTo(new RateDecision.Limited(20, 3));
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.tryConsume("ip:1.2.3.4", limit))
                .isInstanceOf(RateDecision.Allowed.class);
    }

    @Test
    void aLimitedDecisionResetsWhenTheNextRequestIsAdmittedNotWhenTheBucketIsFull() {
        var limiter = new LocalRateLimiter(clock, 100);
        var limit = RateLimit.perMinute("ip", 2);
        assertThat(limiter.tryConsume("ip:a", limit)).isEqualTo(new RateDecision.Allowed(1, 2, 30));
        assertThat(limiter.tryConsume("ip:a", limit)).isEqualTo(new RateDecision.Allowed(0, 2, 60));
        RateDecision limited = limiter.tryConsume("ip:a", limit);
        assertThat(limited).isEqualTo(new RateDecision.Limited(30, 2));
        assertThat(limited.resetSeconds()).isEqualTo(30);
        clock.advance(Duration.ofSeconds(29));
        assertThat(limiter.tryConsume("ip:a", limit).resetSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryConsume("ip:a", limit)).isInstanceOf(RateDecision.Allowed.class);
    }

    @Test
    void aLimitedDecisionNeverAsksForLessThanOneSecond() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RateDecision.Limited(0, 5))
                .hasMessage("retry_after_seconds must be at least 1, was 0");
        assertThat(BucketDecisions.limited(1, RateLimit.perMinute("ip", 5)))
                .isEqualTo(new RateDecision.Limited(1, 5));
    }

    @Test
    void subjectsAndLimitsHaveSeparateBuckets() {
        var limiter = new LocalRateLimiter(clock, 100);
        var one = RateLimit.perMinute("ip", 1);
        limiter.tryConsume("ip:a", one);
        assertThat(limiter.tryConsume("ip:a", one)).isInstanceOf(RateDecision.Limited.class);
        assertThat(limiter.tryConsume("ip:b", one)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(limiter.tryConsume("ip:a", RateLimit.perMinute("login", 1)))
                .isInstanceOf(RateDecision.Allowed.class);
    }

    @Test
    void rateLimitNamesAndNumbersAreChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateLimit.perMinute("ip", 0))
                .hasMessage("rate limit capacity must be at least 1, was 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateLimit.perMinute("IP addr", 1))
                .hasMessageContaining("'IP addr'");
    }

    private WebStack stack(int ipPerMinute, int keyPerMinute) {
        return new WebStack(
                WebSettings.defaults()
                        .withRateLimits(
                                ipPerMinute, keyPerMinute, WebSettings.RateLimitBackend.MEMORY));
    }

    @Test
    void unauthenticatedRequestsAreLimitedPerIpWith429AndHeaders() throws Exception {
        MockMvc mvc = stack(2, 100).mvc();
        mvc.perform(get("/v1/things").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(header().string("RateLimit-Limit", "2"))
                .andExpect(header().string("RateLimit-Remaining", "1"))
                .andExpect(header().string("RateLimit-Reset", "30"));
        mvc.perform(get("/v1/things").param("limit", "1")).andExpect(status().isOk());
        mvc.perform(get("/v1/things").param("limit", "1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("rate_limited"))
                .andExpect(jsonPath("$.type").value("https://gatehouse.dev/problems/rate-limited"))
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(header().string("RateLimit-Remaining", "0"))
                .andExpect(header().string("RateLimit-Reset", "30"))
                .andExpect(header().exists("X-Request-Id"));
    }

    @Test
    void authenticatedRequestsUseThePerKeyLimitSetByTheAuthFilter() throws Exception {
        Filter auth =
                (req, res, chain) -> {
                    String key = ((HttpServletRequest) req).getHeader("Authorization");
                    if (key != null) {
                        req.setAttribute(RateLimitFilter.SUBJECT_ATTRIBUTE, "key:" + key);
                    }
                    chain.doFilter(req, res);
                };
        MockMvc mvc = stack(1, 3).authentication(auth).mvc();
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/v1/things").param("limit", "1").header("Authorization", "key_abc"))
                    .andExpect(status().isOk())
                    .andExpect(header().string("RateLimit-Limit", "3"));
        }
        mvc.perform(get("/v1/things").param("limit", "1").header("Authorization", "key_abc"))
                .andExpect(status().isTooManyRequests());
        mvc.perform(get("/v1/things").param("limit", "1").header("Authorization", "key_other"))
                .andExpect(status().isOk());
        mvc.perform(get("/v1/things").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(header().string("RateLimit-Limit", "1"));
    }

    @Test
    void checkKeyWritesThe429ItselfForCallersOutsideTheFilter() {
        var stack = stack(10, 1);
        var limits = stack.rateLimits();
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        assertThat(limits.checkKey("key_x", response)).isTrue();
        var second = new org.springframework.mock.web.MockHttpServletResponse();
        assertThat(limits.checkKey("key_x", second)).isFalse();
        assertThat(second.getStatus()).isEqualTo(429);
        assertThat(second.getHeader("Retry-After")).isEqualTo("60");
        assertThat(second.getHeader("RateLimit-Reset")).isEqualTo("60");
    }

    @Test
    void portalPathsAreNotApiRateLimited() throws Exception {
        MockMvc mvc = stack(1, 1).mvc();
        mvc.perform(get("/portal/page")).andExpect(status().isOk());
        mvc.perform(get("/portal/page"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("RateLimit-Limit"));
    }
}
