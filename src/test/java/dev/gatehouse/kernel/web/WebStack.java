package dev.gatehouse.kernel.web;

import dev.gatehouse.testing.TestClock;

import jakarta.servlet.Filter;

import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The public listener's filters and MVC edge, in production order, around {@link
 * TestApiController}.
 */
final class WebStack {

    final TestClock clock = TestClock.standard();
    final ProblemRenderer renderer = new ProblemRenderer();
    final WebSettings settings;
    final RateLimiter limiter;
    private final List<Filter> extraBeforeBodyLimit = new ArrayList<>();
    private final List<Filter> authentication = new ArrayList<>();

    WebStack(WebSettings settings) {
        this.settings = settings;
        this.limiter = new LocalRateLimiter(clock, 1000);
    }

    static WebStack defaults() {
        return new WebStack(
                WebSettings.defaults()
                        .withRateLimits(1000, 1000, WebSettings.RateLimitBackend.MEMORY));
    }

    WebStack beforeBodyLimit(Filter filter) {
        extraBeforeBodyLimit.add(filter);
        return this;
    }

    WebStack authentication(Filter filter) {
        authentication.add(filter);
        return this;
    }

    RateLimits rateLimits() {
        return RateLimits.of(limiter, settings, renderer);
    }

    MockMvc mvc() {
        var mapper = new ProblemMapper(settings.maxBodyBytes(), settings.maxJsonDepth());
        var filters = new ArrayList<Filter>();
        filters.add(
                new RequestIdFilter(
                        new RequestIds(clock, new SecureRandom()),
                        new ClientIp(settings.trustedProxies())));
        filters.add(new ProblemGuardFilter(renderer, mapper));
        filters.add(
                new SecurityHeadersFilter(
                        settings.production(),
                        SecurityHeadersFilter.framedUnder(List.of("/widget/"))));
        filters.add(new ApiCorsFilter(settings.corsAllowedOrigins(), renderer));
        filters.addAll(extraBeforeBodyLimit);
        filters.add(new BodySizeLimitFilter(settings.maxBodyBytes(), renderer));
        filters.addAll(authentication);
        filters.add(new RateLimitFilter(rateLimits()));
        return MockMvcBuilders.standaloneSetup(
                        new TestApiController(),
                        new ProblemErrorController(renderer, mapper, List.of()))
                .setControllerAdvice(
                        new ApiExceptionHandler(
                                renderer, mapper, java.util.List.of(), java.util.List.of()),
                        new StrictJsonBodies(settings))
                .setMessageConverters(
                        new StringHttpMessageConverter(),
                        new JacksonJsonHttpMessageConverter(
                                JsonLimits.apiMapper(settings.maxJsonDepth())))
                .addFilters(filters.toArray(Filter[]::new))
                .build();
    }
}
