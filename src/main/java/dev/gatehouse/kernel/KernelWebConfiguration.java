package dev.gatehouse.kernel;

import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.keys.ApiKeyAuthentication;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.CallerArgumentResolver;
import dev.gatehouse.kernel.keys.EdgeAuthentication;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.keys.KeyVerifier;
import dev.gatehouse.kernel.web.PostgresRateLimiter;
import dev.gatehouse.kernel.web.ProblemListener;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.PublicUrl;
import dev.gatehouse.kernel.web.PublicUrlRedirects;
import dev.gatehouse.kernel.web.RateLimiter;
import dev.gatehouse.kernel.web.RateLimits;
import dev.gatehouse.kernel.web.RelativeRedirects;
import dev.gatehouse.kernel.web.WebHygieneConfiguration;
import dev.gatehouse.kernel.web.WebSettings;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The public listener's kernel edge: hygiene settings from the configuration, redirects under
 * {@code PUBLIC_URL}, and API-key authentication.
 */
@Configuration(proxyBeanMethods = false)
class KernelWebConfiguration implements WebMvcConfigurer {

    @Bean
    WebSettings webSettings(Settings settings) {
        Settings.Http http = settings.http();
        return WebSettings.defaults()
                .withMaxBodyBytes(http.maxBodyBytes())
                .withCorsAllowedOrigins(http.corsAllowedOrigins())
                .withTrustedProxies(http.trustedProxies())
                .withProduction(settings.production())
                .withRateLimits(
                        http.rateLimitIpPerMinute(),
                        http.rateLimitKeyPerMinute(),
                        http.sharedRateLimits()
                                ? WebSettings.RateLimitBackend.POSTGRES
                                : WebSettings.RateLimitBackend.MEMORY);
    }

    @Bean
    PublicUrl publicUrl(Settings settings) {
        return new PublicUrl(settings.listeners().publicUrl());
    }

    @Bean
    FilterRegistrationBean<PublicUrlRedirects> publicUrlRedirects(PublicUrl publicUrl) {
        FilterRegistrationBean<PublicUrlRedirects> bean =
                new FilterRegistrationBean<>(new PublicUrlRedirects(publicUrl));
        bean.setOrder(WebHygieneConfiguration.REDIRECTS_ORDER);
        bean.addUrlPatterns("/*");
        return bean;
    }

    @Bean
    RelativeRedirects relativeRedirects() {
        return new RelativeRedirects();
    }

    @Bean
    EdgeAuthentication edgeAuthentication(
            ProblemRenderer problems, RateLimits rateLimits, MeterRegistry meters, AuditLog audit) {
        return new EdgeAuthentication(problems, rateLimits, meters, audit);
    }

    /** Every 403 an authenticated caller receives is a denial, audited before the answer. */
    @Bean
    ProblemListener denialAudit(AuditLog audit) {
        return (request, problem) -> {
            if (problem.status() == 403
                    && request.getAttribute(ApiKeyAuthentication.CALLER) instanceof Caller c) {
                audit.record(
                        AuditEntry.of(
                                        c.tenant() == null ? null : c.tenant().id(),
                                        KeyIssuer.actorOf(c),
                                        "request.denied")
                                .withTarget(
                                        "request",
                                        request.getMethod() + " " + request.getRequestURI())
                                .denied("forbidden")
                                .withDetails(java.util.Map.of("detail", problem.detail())));
            }
        };
    }

    @Bean
    FilterRegistrationBean<ApiKeyAuthentication> apiKeyAuthentication(
            KeyVerifier verifier, EdgeAuthentication edge) {
        FilterRegistrationBean<ApiKeyAuthentication> bean =
                new FilterRegistrationBean<>(new ApiKeyAuthentication(verifier, edge));
        bean.setOrder(WebHygieneConfiguration.AUTHENTICATION_ORDER);
        return bean;
    }

    @Bean
    RateLimitPurge rateLimitPurge(RateLimiter limiter) {
        return new RateLimitPurge(limiter);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    /** Deletes expired shared rate-limit buckets every few minutes. */
    static final class RateLimitPurge {
        private final RateLimiter limiter;

        RateLimitPurge(RateLimiter limiter) {
            this.limiter = limiter;
        }

        @Scheduled(fixedDelay = 300_000, initialDelay = 60_000)
        void purge() {
            if (limiter instanceof PostgresRateLimiter pg) {
                pg.purgeExpired(1000);
            }
        }
    }
}
