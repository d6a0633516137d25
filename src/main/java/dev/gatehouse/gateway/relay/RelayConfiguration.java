package dev.gatehouse.gateway.relay;

import dev.gatehouse.gateway.GatewayModule;
import dev.gatehouse.gateway.access.GatewayCallers;
import dev.gatehouse.gateway.catalog.Catalog;
import dev.gatehouse.gateway.controls.Controls;
import dev.gatehouse.gateway.events.GatewayMetrics;
import dev.gatehouse.gateway.events.RelayHours;
import dev.gatehouse.gateway.upstream.UpstreamRelay;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.RateLimiter;
import dev.gatehouse.kernel.web.RateLimits;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Puts the relay at {@code /gateway/v1/erp/*} on the public listener. */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    @Bean
    ServletRegistrationBean<Relay> relay(
            GatewayCallers callers,
            Controls controls,
            Catalog catalog,
            UpstreamRelay upstream,
            RateLimiter limiter,
            RateLimits limits,
            AuditLog audit,
            GatewayMetrics metrics,
            ProblemRenderer problems,
            RelayHours hours,
            Clock clock) {
        ServletRegistrationBean<Relay> registration =
                new ServletRegistrationBean<>(
                        new Relay(
                                callers,
                                controls,
                                new CatalogView(catalog),
                                upstream,
                                limiter,
                                limits,
                                audit,
                                metrics,
                                hours,
                                problems,
                                clock),
                        GatewayModule.RELAY_PATH + "*");
        registration.setName("gatewayRelay");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
