package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

class WebHygieneConfigurationTest {

    private final WebApplicationContextRunner runner =
            new WebApplicationContextRunner()
                    .withUserConfiguration(WebHygieneConfiguration.class)
                    .withBean(Clock.class, Clock::systemUTC)
                    .withBean(
                            WebSettings.class,
                            () ->
                                    WebSettings.defaults()
                                            .withRateLimits(
                                                    60, 600, WebSettings.RateLimitBackend.MEMORY));

    @Test
    void registersEveryFilterInTheDocumentedOrder() {
        runner.run(
                context -> {
                    assertThat(context).hasNotFailed();
                    var orders =
                            context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                                    .sorted(
                                            java.util.Comparator.comparingInt(
                                                    FilterRegistrationBean::getOrder))
                                    .map(r -> r.getFilter().getClass().getSimpleName())
                                    .toList();
                    assertThat(orders)
                            .containsExactly(
                                    "RequestIdFilter",
                                    "ProblemGuardFilter",
                                    "SecurityHeadersFilter",
                                    "ApiCorsFilter",
                                    "BodySizeLimitFilter",
                                    "RateLimitFilter");
                    assertThat(context)
                            .hasSingleBean(ProblemErrorController.class)
                            .hasSingleBean(ApiExceptionHandler.class)
                            .hasSingleBean(RateLimits.class);
                    assertThat(context.getBean(RateLimiter.class))
                            .isInstanceOf(LocalRateLimiter.class);
                });
    }

    @Test
    void jsonMapperBuilderCarriesTheDepthLimitAndContract() {
        runner.run(
                context -> {
                    JsonMapper mapper = context.getBean(JsonMapper.Builder.class).build();
                    assertThat(
                                    mapper.tokenStreamFactory()
                                            .streamReadConstraints()
                                            .getMaxNestingDepth())
                            .isEqualTo(32);
                    assertThat(mapper.writeValueAsString(new Sample("x")))
                            .isEqualTo("{\"display_name\":\"x\"}");
                });
    }

    record Sample(String displayName) {}
}
