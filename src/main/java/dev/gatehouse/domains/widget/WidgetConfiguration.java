package dev.gatehouse.domains.widget;

import dev.gatehouse.domains.Applications;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.RateLimits;
import dev.gatehouse.kernel.web.WebHygieneConfiguration;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/**
 * Wires the widget: tokens signed with {@code TOKEN_HMAC_SECRET}, the gate, and its filter in the
 * authentication slot of the public listener (the API-key filter leaves {@code /widget/} alone).
 */
@Configuration(proxyBeanMethods = false)
class WidgetConfiguration implements WebMvcConfigurer {

    /** The name of the widget token's security scheme in the OpenAPI document. */
    static final String SECURITY_SCHEME = "widget_token";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(WidgetSession.class);
    }

    /**
     * Documents the widget token beside the API key; the widget routes name it instead of the key.
     */
    @Bean
    OpenApiCustomizer widgetTokenScheme() {
        return api ->
                (api.getComponents() != null
                                ? api.getComponents()
                                : api.components(new Components()).getComponents())
                        .addSecuritySchemes(
                                SECURITY_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "A widget token from POST"
                                                    + " /v1/applications/{id}/widget-tokens; the"
                                                    + " request's Origin must be one of the"
                                                    + " application's allowed_origins"));
    }

    @Bean
    WidgetTokens widgetTokens(Settings settings, Clock clock, PublicIds ids) {
        return new WidgetTokens(settings.secrets().tokenHmacSecret(), clock, ids);
    }

    @Bean
    WidgetGate widgetGate(
            WidgetTokens tokens,
            EmbeddingApplications embedding,
            Applications applications,
            Clock clock) {
        return new WidgetGate(tokens, embedding, applications, clock);
    }

    @Bean
    FilterRegistrationBean<WidgetFilter> widgetFilter(
            WidgetGate gate,
            RateLimits limits,
            ProblemRenderer problems,
            MeterRegistry meters,
            AuditLog audit) {
        FilterRegistrationBean<WidgetFilter> bean =
                new FilterRegistrationBean<>(
                        new WidgetFilter(gate, limits, problems, meters, audit));
        bean.setOrder(WebHygieneConfiguration.AUTHENTICATION_ORDER);
        bean.addUrlPatterns("/*");
        return bean;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new WidgetSessionResolver());
    }
}
