package dev.gatehouse.kernel.web;

import dev.gatehouse.kernel.config.Settings;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;

import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Wires the HTTP hygiene of the public listener. Needs a {@link WebSettings} bean and a {@link
 * Clock} bean; a {@link SecureRandom} bean and, for {@code POSTGRES} rate limits, a {@link
 * DataSource} are used when present.
 *
 * <p>Filter order (lower runs first): request id → <em>public-URL redirects (the application's, at
 * {@link #REDIRECTS_ORDER}, since it knows {@code PUBLIC_URL})</em> → problem guard → security
 * headers → CORS → body limit → <em>authentication (the application's, at {@link
 * #AUTHENTICATION_ORDER})</em> → rate limit.
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiExceptionHandler.class, ProblemErrorController.class, StrictJsonBodies.class})
public class WebHygieneConfiguration {

    public static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE;

    /** Where the application registers {@link PublicUrlRedirects}. */
    public static final int REDIRECTS_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    public static final int PROBLEM_GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int SECURITY_HEADERS_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    public static final int CORS_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;
    public static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 40;

    /** Where the application registers its API-key authentication filter. */
    public static final int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    public static final int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 60;
    static final long MAX_RATE_LIMIT_KEYS = 100_000;

    @Bean
    ProblemRenderer problemRenderer() {
        return new ProblemRenderer();
    }

    @Bean
    ProblemMapper problemMapper(WebSettings settings) {
        return new ProblemMapper(settings.maxBodyBytes(), settings.maxJsonDepth());
    }

    @Bean
    ClientIp clientIp(WebSettings settings) {
        return new ClientIp(settings.trustedProxies());
    }

    @Bean
    RequestIds requestIds(Clock clock, ObjectProvider<SecureRandom> random) {
        return new RequestIds(clock, random.getIfAvailable(SecureRandom::new));
    }

    @Bean
    RateLimiter rateLimiter(
            WebSettings settings, Clock clock, ObjectProvider<DataSource> dataSource) {
        return switch (settings.rateLimitBackend()) {
            case POSTGRES ->
                    new PostgresRateLimiter(dataSource.getObject(), clock, MAX_RATE_LIMIT_KEYS);
            case MEMORY -> new LocalRateLimiter(clock, MAX_RATE_LIMIT_KEYS);
        };
    }

    @Bean
    RateLimits rateLimits(RateLimiter limiter, WebSettings settings, ProblemRenderer renderer) {
        return RateLimits.of(limiter, settings, renderer);
    }

    @Bean
    @Scope("prototype")
    JsonMapper.Builder gatehouseJsonMapperBuilder(
            WebSettings settings, ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonLimits.builder(settings.maxJsonDepth());
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder;
    }

    /** Requests Tomcat refuses before any filter runs are answered as problem+json too. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReportValve(
            ProblemRenderer renderer, RequestIds ids, WebSettings settings) {
        return ProblemReportValve.installer(renderer, ids, settings.production());
    }

    @Bean
    JsonMapperBuilderCustomizer gatehouseJsonContract() {
        return JsonLimits.contract();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(RequestIds ids, ClientIp clientIp) {
        return register(new RequestIdFilter(ids, clientIp), REQUEST_ID_ORDER);
    }

    @Bean
    FilterRegistrationBean<ProblemGuardFilter> problemGuardFilter(
            ProblemRenderer renderer, ProblemMapper mapper) {
        return register(new ProblemGuardFilter(renderer, mapper), PROBLEM_GUARD_ORDER);
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(
            WebSettings settings, ObjectProvider<Settings> installation) {
        // The paths the installed products let other sites frame (none without settings).
        List<String> framed =
                installation.stream()
                        .flatMap(s -> s.products().modules().all().stream())
                        .flatMap(m -> m.framedPaths().stream())
                        .toList();
        return register(
                new SecurityHeadersFilter(
                        settings.production(), SecurityHeadersFilter.framedUnder(framed)),
                SECURITY_HEADERS_ORDER);
    }

    @Bean
    FilterRegistrationBean<ApiCorsFilter> apiCorsFilter(
            WebSettings settings, ProblemRenderer renderer) {
        return register(new ApiCorsFilter(settings.corsAllowedOrigins(), renderer), CORS_ORDER);
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            WebSettings settings, ProblemRenderer renderer, ObjectProvider<Settings> installation) {
        // The paths whose products cap request bodies themselves (none without settings).
        List<String> selfLimited =
                installation.stream()
                        .flatMap(s -> s.products().modules().all().stream())
                        .flatMap(m -> m.selfLimitedBodyPaths().stream())
                        .toList();
        Map<String, Long> larger = new HashMap<>();
        installation.stream()
                .flatMap(s -> s.products().modules().all().stream())
                .forEach(m -> larger.putAll(m.largerBodyLimits()));
        return register(
                new BodySizeLimitFilter(settings.maxBodyBytes(), selfLimited, larger, renderer),
                BODY_LIMIT_ORDER);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits limits) {
        return register(new RateLimitFilter(limits), RATE_LIMIT_ORDER);
    }

    private static <F extends Filter> FilterRegistrationBean<F> register(F filter, int order) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
